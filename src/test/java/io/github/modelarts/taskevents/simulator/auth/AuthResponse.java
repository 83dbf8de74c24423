package io.github.modelarts.taskevents.simulator.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/** An HTTP answer of the simulated IAM or gateway, for whichever HTTP server the simulator uses. */
public record AuthResponse(int status, Map<String, String> headers, String body) {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json;charset=UTF-8";

    public AuthResponse {
        headers = Map.copyOf(headers);
    }

    /** The ModelArts/APIG error body, {@code error_code} and {@code error_msg} (docs/modelarts-api.md#error-body). */
    static AuthResponse error(int status, String errorCode, String errorMsg) {
        ObjectNode body = JSON.createObjectNode().put("error_code", errorCode).put("error_msg", errorMsg);
        return json(status, Map.of(), body);
    }

    static AuthResponse json(int status, Map<String, String> headers, ObjectNode body) {
        Map<String, String> all = new TreeMap<>(headers);
        all.put("Content-Type", JSON_TYPE);
        return new AuthResponse(status, all, body.toString());
    }

    /** Header values are left out: X-Subject-Token is one of them. */
    @Override
    public String toString() {
        return "AuthResponse[status=" + status + ", headers=" + new TreeMap<>(headers).keySet() + ", body=" + body
                + "]";
    }
}
