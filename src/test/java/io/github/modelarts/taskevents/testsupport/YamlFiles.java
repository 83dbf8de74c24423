package io.github.modelarts.taskevents.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The repository's YAML files (AsyncAPI, Kubernetes, Prometheus) as maps and lists, with SnakeYAML Engine, the parser
 * camel-yaml-dsl brings for the routes.
 */
public final class YamlFiles {
    private YamlFiles() {
    }

    /** Every document of a (multi-document) file; an empty document is left out. */
    public static List<Map<String, Object>> documents(Path file) {
        return parseAll(read(file)).stream().map(YamlFiles::map).toList();
    }

    /** Every document of {@code yaml}, of any shape (a JSON patch is a list); an empty document is left out. */
    public static List<Object> parseAll(String yaml) {
        List<Object> documents = new ArrayList<>();
        for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(yaml)) {
            if (document != null) {
                documents.add(document);
            }
        }
        return documents;
    }

    /** The one document of {@code file}. */
    public static Map<String, Object> document(Path file) {
        return map(new Load(LoadSettings.builder().build()).loadFromString(read(file)));
    }

    /** {@code parent.key} as a map, the form every YAML mapping is loaded in. */
    public static Map<String, Object> map(Map<String, Object> parent, String key) {
        return map(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
