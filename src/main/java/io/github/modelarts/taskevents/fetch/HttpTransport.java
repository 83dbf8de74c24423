package io.github.modelarts.taskevents.fetch;

import io.github.modelarts.taskevents.config.Settings;
import javax.net.ssl.SSLContext;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.util.Timeout;

/**
 * The Apache HttpClient 5 behind camel-http's endpoints, named in their {@code httpClientConfigurer} option:
 * keep-alive connections pooled up to MAX_CONCURRENT_REQUESTS, the HTTP_* timeouts, and the trust store.
 * Retries are the route's (its redelivery policy), so the client never retries or follows redirects itself.
 * {@link #forModelArts} adds what every ModelArts request needs: pacing, credentials, metrics, the body cap.
 */
public final class HttpTransport implements HttpClientConfigurer {
    private final Settings.Http limits;
    private final SSLContext tls;
    private final ModelArtsPolicies policies;

    /** What only ModelArts requests get; IAM's token requests carry their own credentials. */
    record ModelArtsPolicies(RequestPacer pacer, RequestSigning signing, RequestListener listener) {
    }

    public HttpTransport(Settings.Http limits, SSLContext tls) {
        this(limits, tls, null);
    }

    private HttpTransport(Settings.Http limits, SSLContext tls, ModelArtsPolicies policies) {
        this.limits = limits;
        this.tls = tls;
        this.policies = policies;
    }

    /** The same pool settings, plus the pacer, the credentials and the listener of every ModelArts request. */
    public HttpTransport forModelArts(RequestPacer pacer, RequestSigning signing, RequestListener listener) {
        return new HttpTransport(limits, tls, new ModelArtsPolicies(pacer, signing, listener));
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        Timeout read = Timeout.of(limits.readTimeout());
        builder.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(limits.maxConcurrentRequests())
                        .setMaxConnPerRoute(limits.maxConcurrentRequests())
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(limits.connectTimeout())).setSocketTimeout(read).build())
                        .build())
                // a read that stalls, before the headers or in the body, ends after the read timeout
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(read).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression();
        if (policies != null) {
            // request interceptors run in the order added, for every attempt: wait for a turn, then sign
            builder.addRequestInterceptorLast(policies.pacer().asInterceptor(policies.listener()))
                    .addRequestInterceptorLast(policies.signing())
                    .addResponseInterceptorLast(new BodyCap(limits.maxResponseBytes()))
                    .addExecInterceptorAfter(ChainElement.PROTOCOL.name(), "observe",
                            new RequestObserver(policies.pacer(), policies.listener()));
        }
    }
}
