package io.github.modelarts.taskevents;

import static io.github.modelarts.taskevents.testsupport.YamlFiles.list;
import static io.github.modelarts.taskevents.testsupport.YamlFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.config.SettingsSource;
import io.github.modelarts.taskevents.testsupport.YamlFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests of deploy/kubernetes set only variables the application reads: a misspelt or removed
 * setting would otherwise be ignored without a word and leave its default in force.
 */
class DeployManifestsTest {
    private static final Path MANIFESTS = Path.of("deploy/kubernetes");
    /** Read by logback before the settings (docs/observability.md#logs), so not a key of application.properties. */
    private static final Set<String> OUTSIDE_THE_SETTINGS = Set.of("LOG_FORMAT");

    @Test
    void givenEveryManifest_thenEachVariableItSetsIsASettingOfTheApplication() throws IOException {
        Set<String> known = SettingsSource.load(Map.of(), Map.of()).asMap().keySet().stream()
                .map(SettingsSource::envName).collect(Collectors.toCollection(TreeSet::new));
        known.addAll(OUTSIDE_THE_SETTINGS);

        Set<String> set = variablesSet(documents());

        assertThat(set).contains("MODELARTS_ENDPOINT", "KAFKA_BOOTSTRAP_SERVERS", "MODELARTS_TOKEN", "STATE_DIR",
                "MANAGEMENT_PORT", "STATE_JDBC_URL");
        assertThat(set).allSatisfy(name -> assertThat(known).as("settings of config/application.properties")
                .contains(name));
    }

    @Test
    void givenTheBaseDeployment_thenOneReplicaRecreated_probedOnTheManagementPort() throws IOException {
        Map<String, Object> deployment = documents().stream().filter(d -> "Deployment".equals(d.get("kind")))
                .findFirst().orElseThrow();
        Map<String, Object> spec = map(deployment, "spec");
        Map<String, Object> container = map(list(map(map(spec, "template"), "spec").get("containers")).get(0));

        assertThat(spec.get("replicas")).isEqualTo(1);
        assertThat(map(spec, "strategy").get("type")).isEqualTo("Recreate");
        assertThat(map(map(container, "livenessProbe"), "httpGet"))
                .isEqualTo(Map.of("path", "/observe/health/live", "port", "management"));
        assertThat(map(map(container, "readinessProbe"), "httpGet"))
                .isEqualTo(Map.of("path", "/observe/health/ready", "port", "management"));
        assertThat(list(container.get("env"))).contains(Map.of("name", "MANAGEMENT_PORT", "value", "9876"));
        assertThat(list(container.get("ports"))).contains(Map.of("name", "management", "containerPort", 9876));
    }

    /**
     * The names of every {@code env} entry, of every JSON patch that adds one, and the keys of every ConfigMap and
     * Secret some {@code envFrom} takes whole (each such reference must name one of the manifests).
     */
    private static Set<String> variablesSet(List<Map<String, Object>> documents) {
        Map<String, Set<String>> sources = new HashMap<>();
        for (Map<String, Object> document : documents) {
            if ("ConfigMap".equals(document.get("kind")) || "Secret".equals(document.get("kind"))) {
                Map<String, Object> data = map(document.getOrDefault("data", document.get("stringData")));
                sources.put(document.get("kind") + "/" + map(document, "metadata").get("name"), data.keySet());
            }
        }
        Set<String> names = new TreeSet<>();
        Set<String> referenced = new TreeSet<>();
        documents.forEach(document -> walk(document, names, referenced));
        assertThat(sources).as("ConfigMaps and Secrets of the manifests").containsKeys(referenced.toArray(String[]::new));
        referenced.forEach(source -> names.addAll(sources.get(source)));
        return names;
    }

    private static void walk(Object node, Set<String> names, Set<String> referenced) {
        if (node instanceof Map<?, ?> mapping) {
            Map<String, Object> fields = map(mapping);
            if (fields.get("env") instanceof List<?> env) {
                env.forEach(entry -> names.add((String) map(entry).get("name")));
            }
            if (fields.get("configMapRef") instanceof Map<?, ?> ref) {
                referenced.add("ConfigMap/" + ref.get("name"));
            }
            if (fields.get("secretRef") instanceof Map<?, ?> ref) {
                referenced.add("Secret/" + ref.get("name"));
            }
            if (fields.get("path") instanceof String path && path.endsWith("/env/-")) {
                names.add((String) map(fields, "value").get("name"));
            }
            // a kustomize patch given inline is a YAML document of its own
            if (fields.get("patch") instanceof String patch) {
                YamlFiles.parseAll(patch).forEach(document -> walk(document, names, referenced));
            }
            fields.values().forEach(value -> walk(value, names, referenced));
        } else if (node instanceof List<?> items) {
            items.forEach(item -> walk(item, names, referenced));
        }
    }

    private static List<Map<String, Object>> documents() throws IOException {
        try (Stream<Path> files = Files.walk(MANIFESTS)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted()
                    .flatMap(file -> YamlFiles.documents(file).stream()).toList();
        }
    }
}
