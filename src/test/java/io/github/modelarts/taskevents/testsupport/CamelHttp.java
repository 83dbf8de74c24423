package io.github.modelarts.taskevents.testsupport;

import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.fetch.HttpTransport;
import io.github.modelarts.taskevents.fetch.auth.IamTokenClient;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * One started Camel with camel-http and IAM's transport, shared by the tests of one JVM, for code that sends
 * through Camel (IAM's token requests) without the rest of the application.
 */
public final class CamelHttp {
    private static final Settings.Http LIMITS = new Settings.Http(Duration.ofSeconds(2), Duration.ofSeconds(5), 0, 4,
            0, 1 << 20);
    private static ProducerTemplate template;

    private CamelHttp() {
    }

    public static synchronized Supplier<ProducerTemplate> templates() {
        if (template == null) {
            CamelContext camel = new DefaultCamelContext();
            try {
                camel.getRegistry().bind(IamTokenClient.TRANSPORT, new HttpTransport(LIMITS, SSLContext.getDefault()));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            camel.start();
            template = camel.createProducerTemplate();
        }
        ProducerTemplate started = template;
        return () -> started;
    }
}
