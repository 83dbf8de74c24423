package io.github.modelarts.taskevents.testsupport;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/** The project's real route files, for camel-test-junit5 tests that load only some of them. */
public final class RouteFiles {
    private RouteFiles() {
    }

    /** Loads {@code routes/NAME} for each name, as Camel Main does from the classpath. */
    public static RoutesBuilder load(String... names) {
        return new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                for (String name : names) {
                    PluginHelper.getRoutesLoader(getContext())
                            .loadRoutes(ResourceHelper.resolveMandatoryResource(getContext(), "classpath:routes/" + name));
                }
            }
        };
    }
}
