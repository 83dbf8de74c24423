package io.github.modelarts.taskevents.testsupport;

import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.fetch.ApiPaths;
import io.github.modelarts.taskevents.fetch.FetchResults;
import io.github.modelarts.taskevents.fetch.ModelArtsHeaders;
import io.github.modelarts.taskevents.fetch.HttpTransport;
import io.github.modelarts.taskevents.fetch.RequestListener;
import io.github.modelarts.taskevents.fetch.RequestPacer;
import io.github.modelarts.taskevents.fetch.RequestSigning;
import io.github.modelarts.taskevents.fetch.auth.NoAuthentication;
import io.github.modelarts.taskevents.fetch.auth.RequestAuthenticator;
import io.github.modelarts.taskevents.task.model.TaskJson;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;

/**
 * A camel-test-junit5 test of the real routes/fetch-modelarts.camel.yaml and the route files it names, with the
 * beans and properties they need; a new Camel (and so a new client) for every test. Camel's test support asks
 * for these while it is being constructed, so they are methods, answered from the subclass's constants.
 */
public abstract class FetchRouteSupport extends CamelTestSupport {

    /** The base URL of ModelArts: the simulator's, or a server of the test's own. */
    protected abstract String endpoint();

    protected abstract String projectId();

    protected abstract Settings.Http limits();

    /** Route files beside routes/fetch-modelarts.camel.yaml. */
    protected List<String> otherRouteFiles() {
        return List.of();
    }

    /** The credentials every request is signed with: none, unless a test says otherwise. */
    protected RequestAuthenticator authenticator() {
        return new NoAuthentication();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("modelarts.endpoint", endpoint());
        properties.put("modelarts.project.id", projectId());
        properties.put("http.retries", String.valueOf(limits().retries()));
        return properties;
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        RequestAuthenticator authenticator = authenticator();
        registry.bind("modelArtsHttp", new HttpTransport(limits(), SSLContext.getDefault())
                .forModelArts(new RequestPacer(0), new RequestSigning(authenticator), RequestListener.NONE));
        registry.bind("fetchResults", new FetchResults(limits(), authenticator, Clock.systemUTC()));
        registry.bind("countRetry", new FetchResults.CountRetry());
        registry.bind("apiPaths", new ApiPaths(projectId()));
        registry.bind("modelArtsHeaders", new ModelArtsHeaders());
        registry.bind("taskJson", TaskJson.MAPPER);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        List<String> files = new ArrayList<>(List.of("fetch-modelarts.camel.yaml"));
        files.addAll(otherRouteFiles());
        return RouteFiles.load(files.toArray(String[]::new));
    }
}
