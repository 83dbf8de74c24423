package io.github.modelarts.taskevents.observe;

import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;
import static io.github.modelarts.taskevents.testsupport.YamlFiles.list;
import static io.github.modelarts.taskevents.testsupport.YamlFiles.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.simulator.Fault;
import io.github.modelarts.taskevents.simulator.auth.AuthGate;
import io.github.modelarts.taskevents.task.model.TaskJson;
import io.github.modelarts.taskevents.testsupport.CloudCredentials;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.PrometheusText;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import io.github.modelarts.taskevents.testsupport.YamlFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The shipped monitoring (deploy/grafana, deploy/prometheus, the PrometheusRule of deploy/kubernetes) against what a
 * running pipeline really exposes on /observe/metrics.
 */
class MonitoringFilesTest {
    private static final Path DASHBOARD = Path.of("deploy/grafana/modelarts-task-events.json");
    private static final Path RULES = Path.of("deploy/prometheus/modelarts-task-events.rules.yaml");
    private static final Path PROMETHEUS_RULE = Path.of("deploy/kubernetes/base/monitoring.yaml");
    /** The metrics of this project and of Camel; PromQL functions and labels never start so. */
    private static final Pattern METRIC = Pattern.compile("\\b(?:modelarts_task_events|camel)_[a-z0-9_]+");
    private static final String DS = "dsMonitor";

    @Test
    void givenOnePipelineRun_whenScraped_thenEveryMetricTheDashboardAndTheRulesUseIsExposed() throws Exception {
        Set<String> used = new TreeSet<>(metricNames(dashboardExpressions()));
        used.addAll(metricNames(ruleExpressions()));
        // what the issue asks the dashboard to show; a panel dropped or renamed fails here
        assertThat(metricNames(dashboardExpressions())).contains("modelarts_task_events_polls_total",
                "modelarts_task_events_events_published_total", "modelarts_task_events_error_events_total",
                "modelarts_task_events_outbox_backlog_events", "modelarts_task_events_outbox_oldest_age_seconds",
                "modelarts_task_events_poll_cycle_seconds_bucket", "modelarts_task_events_token_requests_total",
                "modelarts_task_events_watched_tasks");

        // password mode, so that the token counter exists; an event of each kind, so that the counters labelled by
        // type and reason exist
        AuthGate gate = CloudCredentials.gate().build();
        try (Pipeline pipeline = CloudCredentials.pipeline("password", gate)
                .watching(DS + "/done", DS + "/running", DS + "/broken");
             TopicReader reader = pipeline.reader()) {
            pipeline.simulator().putTask(DS, task("done", 3, "ModelArts.4996"));
            pipeline.simulator().putTask(DS, task("running", 1, "ModelArts.4902"));
            pipeline.simulator().putTask(DS, task("broken", 1, "ModelArts.4902"));
            pipeline.simulator().injectFault(DS, "broken", Fault.error(500, "ModelArts.0010", "Internal error"));
            pipeline.with("http.retries", "0").with("poll.error.threshold", "1").start();
            pipeline.poll();
            reader.await(3, r -> true);

            // the exposition lists _bucket, _count and _sum samples under those names, so names are compared as
            // they are: a histogram query on a meter without buckets fails too
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                PrometheusText metrics = pipeline.management().metrics();
                assertThat(used).allSatisfy(name -> assertThat(metrics.has(name)).as(name).isTrue());
            });
        }
    }

    @Test
    void givenTheRulesFile_thenThePrometheusRuleCarriesTheSameGroups() {
        Map<String, Object> prometheusRule = YamlFiles.documents(PROMETHEUS_RULE).stream()
                .filter(document -> "PrometheusRule".equals(document.get("kind"))).findFirst().orElseThrow();

        assertThat(map(prometheusRule, "spec")).isEqualTo(YamlFiles.document(RULES));
    }

    @Test
    void givenPromtool_whenTheRulesAreChecked_thenItFindsThemValid() throws Exception {
        Optional<Path> promtool = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(promtool.isPresent(),
                "promtool is not on the PATH (Debian package prometheus): the rules are not checked by it");

        Process check = new ProcessBuilder(promtool.get().toString(), "check", "rules", RULES.toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(check.waitFor()).as(output).isZero();
        assertThat(output).contains("SUCCESS: " + ruleExpressions().size() + " rules found");
    }

    private static List<String> dashboardExpressions() throws IOException {
        return TaskJson.MAPPER.readTree(DASHBOARD.toFile()).findValues("expr").stream().map(JsonNode::asText).toList();
    }

    private static List<String> ruleExpressions() {
        List<String> expressions = new ArrayList<>();
        for (Object group : list(YamlFiles.document(RULES).get("groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                expressions.add((String) map(rule).get("expr"));
            }
        }
        return expressions;
    }

    private static Set<String> metricNames(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions) {
            Matcher matcher = METRIC.matcher(expression);
            while (matcher.find()) {
                names.add(matcher.group());
            }
        }
        return names;
    }
}
