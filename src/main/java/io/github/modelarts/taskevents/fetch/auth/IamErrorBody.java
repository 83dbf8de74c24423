package io.github.modelarts.taskevents.fetch.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Reads the reason out of an IAM error answer. IAM speaks two dialects: the Huawei one
 * ({@code error_code}/{@code error_msg}) and the Keystone one ({@code error.title}/{@code error.message}).
 */
final class IamErrorBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IamErrorBody() {
    }

    /** {@code " (code: message)"}, or empty when the body says nothing readable. Only named fields are quoted. */
    static String describe(byte[] body, int maxChars) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return "";
        }
        if (root == null) {
            return "";
        }
        String reason;
        if (root.hasNonNull("error_code") || root.hasNonNull("error_msg")) {
            reason = root.path("error_code").asText("") + ": " + root.path("error_msg").asText("");
        } else if (root.path("error").isObject()) {
            JsonNode error = root.get("error");
            String title = error.path("title").asText(error.path("code").asText(""));
            reason = title + ": " + error.path("message").asText("");
        } else {
            return "";
        }
        return " (" + (reason.length() > maxChars ? reason.substring(0, maxChars) + "..." : reason) + ")";
    }
}
