package io.github.modelarts.taskevents.fetch;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds request URLs from validated IDs, each encoded as one path segment so no input can reshape the path. */
public final class ApiPaths {
    private final String base;
    private final String projectSegment;

    public ApiPaths(URI endpoint, String projectId) {
        String text = endpoint.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.projectSegment = segment(projectId);
    }

    public URI task(String datasetId, String taskId) {
        return URI.create(base + "/v2/" + projectSegment + "/datasets/" + segment(datasetId) + "/tasks/"
                + segment(taskId));
    }

    public URI taskList(String datasetId, String type, int limit, int page) {
        return URI.create(base + "/v2/" + projectSegment + "/datasets/" + segment(datasetId) + "/tasks?limit="
                + limit + "&offset=" + page + "&type=" + segment(type));
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
