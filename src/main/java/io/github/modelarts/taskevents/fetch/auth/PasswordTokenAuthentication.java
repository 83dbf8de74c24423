package io.github.modelarts.taskevents.fetch.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Auth mode {@code password}: one IAM token, shared by all callers and sent as {@code X-Auth-Token}.
 *
 * <ul>
 *   <li>Single flight: IAM is called under a lock, and whoever waited for it finds the fresh token there.</li>
 *   <li>Renewal ahead of expiry: {@link IamToken#renewAt} ({@code renewMargin} before expiry, but not before
 *       the last tenth of the lifetime). Until the new token arrives the old one is still used.</li>
 *   <li>IAM is asked at most once per {@code minRenewalInterval} (unless its last token has already expired):
 *       a burst of 401s causes one call, and neither a 401 storm nor a wrong password can hammer IAM, which
 *       locks users after repeated failed logins.
 *       The seam does not say which token a rejected request carried, so "renewed within the interval"
 *       stands for "this token generation was already replaced".</li>
 * </ul>
 */
public final class PasswordTokenAuthentication implements RequestAuthenticator {
    public static final Duration DEFAULT_RENEW_MARGIN = Duration.ofHours(1);
    public static final Duration DEFAULT_MIN_RENEWAL_INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(PasswordTokenAuthentication.class);

    private final IamTokenClient iam;
    private final Clock clock;
    private final Duration renewMargin;
    private final Duration minRenewalInterval;
    private final TokenListener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile IamToken current;
    private Instant lastAttempt;
    private IamAuthenticationException lastFailure;

    public PasswordTokenAuthentication(IamTokenClient iam, Clock clock, Duration renewMargin,
                                       Duration minRenewalInterval) {
        this(iam, clock, renewMargin, minRenewalInterval, TokenListener.NONE);
    }

    /** @param listener told of every IAM token request and whether it gave a token (the renewals metric) */
    public PasswordTokenAuthentication(IamTokenClient iam, Clock clock, Duration renewMargin,
                                       Duration minRenewalInterval, TokenListener listener) {
        this.iam = iam;
        this.clock = clock;
        this.renewMargin = renewMargin;
        this.minRenewalInterval = minRenewalInterval;
        this.listener = listener;
    }

    /** Throws {@link IamAuthenticationException} when there is no usable token and IAM does not give one. */
    @Override
    public Map<String, String> headersFor(String method, URI uri, Map<String, String> headers, byte[] body) {
        IamToken token = current;
        if (token == null || !clock.instant().isBefore(token.renewAt(renewMargin))) {
            token = renewIfDue();
        }
        return Map.of("X-Auth-Token", token.value());
    }

    /** Fetches the first token; throws {@link IamAuthenticationException} when IAM does not give one. */
    @Override
    public void logIn() {
        renewIfDue();
    }

    @Override
    public boolean renewAfterUnauthorized() {
        lock.lock();
        try {
            if (attemptedRecently()) {
                return lastFailure == null;
            }
            current = null;
            fetch(null);
            return true;
        } catch (IamAuthenticationException e) {
            LOG.warn("Renewing the IAM token after a 401 failed: {}", e.getMessage());
            return false;
        } finally {
            lock.unlock();
        }
    }

    private IamToken renewIfDue() {
        lock.lock();
        try {
            IamToken token = current;
            boolean usable = token != null && clock.instant().isBefore(token.expiresAt());
            if (token != null && clock.instant().isBefore(token.renewAt(renewMargin))) {
                return token;
            }
            if (attemptedRecently()) {
                if (usable) {
                    return token;
                }
                if (lastFailure != null) {
                    throw lastFailure;
                }
            }
            return fetch(usable ? token : null);
        } finally {
            lock.unlock();
        }
    }

    /** Asks IAM; on failure keeps {@code stillUsable} (if any) until it expires. Caller holds the lock. */
    private IamToken fetch(IamToken stillUsable) {
        lastAttempt = clock.instant();
        try {
            current = iam.requestToken();
            listener.tokenRequested(true);
            lastFailure = null;
            LOG.info("Obtained an IAM token, valid until {}", current.expiresAt());
            return current;
        } catch (IamAuthenticationException e) {
            listener.tokenRequested(false);
            lastFailure = e;
            if (stillUsable == null) {
                throw e;
            }
            LOG.warn("Renewing the IAM token failed, using the current one until {}: {}",
                    stillUsable.expiresAt(), e.getMessage());
            return stillUsable;
        }
    }

    private boolean attemptedRecently() {
        return lastAttempt != null && clock.instant().isBefore(lastAttempt.plus(minRenewalInterval));
    }

    @Override
    public String toString() {
        return "PasswordTokenAuthentication[" + iam + ", token=" + current + "]";
    }
}
