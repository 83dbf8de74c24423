package io.github.modelarts.taskevents.testsupport;

import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.fetch.FetchResults;
import io.github.modelarts.taskevents.fetch.HttpTransport;
import io.github.modelarts.taskevents.fetch.RequestListener;
import io.github.modelarts.taskevents.fetch.RequestPacer;
import io.github.modelarts.taskevents.fetch.RequestSigning;
import io.github.modelarts.taskevents.fetch.auth.NoAuthentication;
import io.github.modelarts.taskevents.fetch.auth.RequestAuthenticator;
import io.github.modelarts.taskevents.task.model.TaskJson;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import org.apache.camel.spi.Registry;

/** The beans and properties routes/fetch-modelarts.camel.yaml needs, for route tests. */
public final class FetchBeans {
    private FetchBeans() {
    }

    public static void bind(Registry registry, Settings.Http limits) throws NoSuchAlgorithmException {
        bind(registry, limits, new NoAuthentication());
    }

    public static void bind(Registry registry, Settings.Http limits, RequestAuthenticator authenticator)
            throws NoSuchAlgorithmException {
        registry.bind("modelArtsHttp", new HttpTransport(limits, SSLContext.getDefault())
                .forModelArts(new RequestPacer(0), new RequestSigning(authenticator), RequestListener.NONE));
        registry.bind("fetchResults", new FetchResults(limits, authenticator, Clock.systemUTC()));
        registry.bind("countRetry", new FetchResults.CountRetry());
        registry.bind("taskJson", TaskJson.MAPPER);
    }

    public static Properties properties(String endpoint, String projectId, Settings.Http limits) {
        Properties properties = new Properties();
        properties.put("modelarts.endpoint", endpoint);
        properties.put("modelarts.project.id", projectId);
        properties.put("http.retries", String.valueOf(limits.retries()));
        return properties;
    }
}
