package io.github.modelarts.taskevents.simulator;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.util.Optional;

/**
 * Decides, before routing, whether a request reaches the simulated API: the seam for simulated
 * authentication (IAM token, AK/SK signature). A returned response ends the request with it,
 * e.g. 401 {@code APIG.0301}; an empty one lets the request through.
 */
@FunctionalInterface
public interface RequestGate {

    /** The default: the simulator answers every request. */
    RequestGate ALLOW_ALL = (method, uri, headers, body) -> Optional.empty();

    /**
     * @param uri     the request URI as sent (raw path and query), as a signature covers it
     * @param headers the request headers; look-ups ignore case
     * @param body    the request body, empty for a GET
     */
    Optional<SimulatorResponse> check(String method, URI uri, Headers headers, byte[] body);
}
