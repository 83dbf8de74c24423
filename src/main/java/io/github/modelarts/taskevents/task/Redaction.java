package io.github.modelarts.taskevents.task;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides what looks like a credential in text an answer brought back (an error body, an error message) before it
 * goes into an event: a server that echoes the request would otherwise publish its token or signature.
 */
public final class Redaction {
    private static final String HIDDEN = "***";
    /** A value named like a secret: {@code X-Auth-Token: v}, {@code "password":"v"}, {@code token=v}. */
    private static final Pattern NAMED = Pattern.compile("(?i)(\"?(?:x-auth-token|x-subject-token|x-security-token"
            + "|authorization|password|secret(?:_key)?|sk|token)\"?\\s*[:=]\\s*\"?)([^\"\\s,;}&]+)");
    /** IAM's PKI tokens (base64 of DER, so they start with MII), JWTs, and hex digests such as signatures. */
    private static final Pattern SHAPED = Pattern.compile(
            "MII[A-Za-z0-9+/=_-]{20,}|eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*|\\b[0-9a-fA-F]{64}\\b");

    private Redaction() {
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String named = NAMED.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + HIDDEN));
        return SHAPED.matcher(named).replaceAll(HIDDEN);
    }
}
