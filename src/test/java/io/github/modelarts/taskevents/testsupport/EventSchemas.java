package io.github.modelarts.taskevents.testsupport;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.github.modelarts.taskevents.event.TaskEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published JSON Schemas of docs/schemas/, found by their {@code $id}: the identifiers under
 * {@link TaskEvent#SCHEMA_BASE} are read from that folder, never fetched (they are identifiers, not addresses), so a
 * test checks the files a consumer gets.
 */
public final class EventSchemas {
    public static final Path FOLDER = Path.of("docs/schemas");

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemas(EventSchemas::read));
    private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** The text of the schema whose {@code $id} is {@code schemaId}, from {@link #FOLDER}; null for any other id. */
    private static String read(String schemaId) {
        if (!schemaId.startsWith(TaskEvent.SCHEMA_BASE)) {
            return null;
        }
        try {
            return Files.readString(FOLDER.resolve(schemaId.substring(TaskEvent.SCHEMA_BASE.length())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The violations of {@code json} against the schema whose {@code $id} is {@code schemaId}; empty when valid. */
    public static List<String> violations(String schemaId, String json) {
        if (!schemaId.startsWith(TaskEvent.SCHEMA_BASE)
                || !Files.isRegularFile(FOLDER.resolve(schemaId.substring(TaskEvent.SCHEMA_BASE.length())))) {
            return List.of("no schema in " + FOLDER + " has the id " + schemaId);
        }
        Schema schema = LOADED.computeIfAbsent(schemaId, id -> REGISTRY.getSchema(SchemaLocation.of(id)));
        return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }
}
