package io.github.modelarts.taskevents.event;

import static io.github.modelarts.taskevents.testsupport.YamlFiles.list;
import static io.github.modelarts.taskevents.testsupport.YamlFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.config.SettingsSource;
import io.github.modelarts.taskevents.task.Outcome;
import io.github.modelarts.taskevents.task.model.TaskJson;
import io.github.modelarts.taskevents.testsupport.EventSchemas;
import io.github.modelarts.taskevents.testsupport.YamlFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/asyncapi.yaml names the topics the application uses by default and the schemas its events carry. */
class AsyncApiTest {
    private static final Map<String, Object> ASYNCAPI = YamlFiles.document(Path.of("docs/asyncapi.yaml"));

    @Test
    void givenEachChannel_thenItsAddressIsTheDefaultOfItsTopicSetting() {
        Map<String, String> defaults = SettingsSource.load(Map.of(), Map.of()).asMap();

        assertThat(map(ASYNCAPI, "channels")).containsOnlyKeys("completed", "failed", "progress", "errors", "watch",
                        "outbox.commits")
                .allSatisfy((channel, body) -> assertThat(map(body).get("address")).as(channel)
                        .isEqualTo(defaults.get("topic." + channel)));
    }

    @Test
    void givenEveryEventType_thenItsMessageCarriesTheSchemaItsCeDataschemaNames() throws IOException {
        List<String> types = new ArrayList<>(Stream.of(Outcome.values()).map(Outcome::ceType).toList());
        types.addAll(List.of(EventTypes.PROGRESS, EventTypes.STALLED, EventTypes.ERROR));
        Map<String, Object> messages = map(map(ASYNCAPI, "components"), "messages");
        List<String> named = messages.values().stream().map(m -> (String) map(m).get("name")).toList();
        assertThat(named).containsExactlyInAnyOrderElementsOf(
                Stream.concat(types.stream(), Stream.of("watch-request", "outbox-commit")).toList());

        for (Object message : messages.values()) {
            String name = (String) map(message).get("name");
            Map<String, Object> payload = map(map(message), "payload");
            String file = (String) map(payload, "schema").get("$ref");
            assertThat(file).isEqualTo("schemas/" + name + ".json");
            JsonNode schema = TaskJson.MAPPER.readTree(Files.readString(Path.of("docs", file)));
            assertThat(schema.get("$id").asText()).isEqualTo(TaskEvent.SCHEMA_BASE + name + ".json");
            assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        }
        Map<String, Object> headers = map(map(map(ASYNCAPI, "components"), "schemas"), "cloudEventHeaders");
        assertThat(list(map(map(headers, "properties"), "ce_type").get("enum")))
                .containsExactlyInAnyOrderElementsOf(types);
        assertThat(list(headers.get("required"))).containsExactlyElementsOf(sampleHeaders().keySet());
    }

    @Test
    void givenTheSchemaFolder_thenEachFileIsAMessagePayloadOrReferredToByOne() throws IOException {
        Set<String> used = new HashSet<>();
        for (Object message : map(map(ASYNCAPI, "components"), "messages").values()) {
            String file = ((String) map(map(map(message), "payload"), "schema").get("$ref")).replace("schemas/", "");
            used.add(file);
            TaskJson.MAPPER.readTree(EventSchemas.FOLDER.resolve(file).toFile()).findValues("$ref").stream()
                    .map(JsonNode::asText).filter(ref -> !ref.startsWith("#")).forEach(used::add);
        }
        try (Stream<Path> files = Files.list(EventSchemas.FOLDER)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrderElementsOf(used);
        }
    }

    private static Map<String, String> sampleHeaders() {
        return new TaskEvent("topic", "key", "id", EventTypes.PROGRESS, "source", "subject", Instant.EPOCH, "{}")
                .headers();
    }
}
