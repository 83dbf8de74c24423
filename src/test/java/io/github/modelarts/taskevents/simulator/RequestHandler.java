package io.github.modelarts.taskevents.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One request's way: count it, let the gate decide, answer from the API, play any fault. */
final class RequestHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);

    private final RequestGate gate;
    private final TaskApi api;
    private final RequestCounters counters;
    private final FaultRegistry faults;
    private final ResponseWriter writer;

    RequestHandler(RequestGate gate, TaskApi api, RequestCounters counters, FaultRegistry faults,
            ResponseWriter writer) {
        this.gate = gate;
        this.api = api;
        this.counters = counters;
        this.faults = faults;
        this.writer = writer;
    }

    @Override
    public void handle(HttpExchange exchange) {
        var uri = exchange.getRequestURI();
        var path = RequestPath.parse(uri.getPath());
        counters.record(path);
        SimulatorResponse response;
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            response = gate.check(method, uri, exchange.getRequestHeaders(), body)
                    .orElseGet(() -> api.answer(method, path, uri.getRawQuery()));
        } catch (IOException e) {
            exchange.close();
            return;
        } catch (RuntimeException e) {
            // a bug in the simulator or a gate: answer like the real service would, and say why here
            LOG.warn("Simulator failed on {} {}", exchange.getRequestMethod(), uri, e);
            response = SimulatorResponse.error(500, "ModelArts.0010", "Internal error.");
        }
        writer.send(exchange, response, faults.next(path));
    }
}
