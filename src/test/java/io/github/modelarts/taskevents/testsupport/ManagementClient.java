package io.github.modelarts.taskevents.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.task.model.TaskJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GETs the management endpoints over real HTTP, as a Kubernetes probe or Prometheus would. */
public final class ManagementClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    public ManagementClient(int port) {
        this.port = port;
    }

    /** One answer: status, content type and body. */
    public record Answer(int status, String contentType, String body) {
        public JsonNode json() {
            try {
                return TaskJson.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    public Answer get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)));
    }

    /** A GET with an {@code Authorization} header, e.g. {@code Bearer <token>}. */
    public Answer get(String pathAndQuery, String authorization) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .header("Authorization", authorization));
    }

    private Answer send(HttpRequest.Builder builder) {
        HttpRequest request = builder.timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A scrape of {@code /observe/metrics}. */
    public PrometheusText metrics() {
        Answer answer = get("/observe/metrics");
        if (answer.status() != 200) {
            throw new AssertionError("metrics answered " + answer.status() + ": " + answer.body());
        }
        return new PrometheusText(answer.body());
    }
}
