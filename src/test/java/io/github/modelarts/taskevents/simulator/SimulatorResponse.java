package io.github.modelarts.taskevents.simulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP answer of the simulator: status, content type, extra headers and body bytes.
 * {@code Content-Type} and {@code X-Request-Id} are added when it is written.
 */
public record SimulatorResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
    static final String JSON = "application/json";

    public SimulatorResponse {
        headers = Map.copyOf(headers);
    }

    public static SimulatorResponse json(int status, String body) {
        return new SimulatorResponse(status, JSON, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    /** The error body ModelArts and its API gateway answer with: {@code error_code} and {@code error_msg}. */
    public static SimulatorResponse error(int status, String errorCode, String errorMsg) {
        var body = Json.MAPPER.createObjectNode().put("error_code", errorCode).put("error_msg", errorMsg);
        return new SimulatorResponse(status, JSON, Map.of(), Json.bytes(body));
    }

    public SimulatorResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SimulatorResponse(status, contentType, more, body);
    }

    public SimulatorResponse withContentType(String type) {
        return new SimulatorResponse(status, type, headers, body);
    }
}
