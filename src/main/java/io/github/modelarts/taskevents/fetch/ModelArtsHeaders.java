package io.github.modelarts.taskevents.fetch;

import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * The headers that cross between a ModelArts request's exchange and HTTP: {@code Accept} out (credentials are
 * the client's, added to every attempt), {@code Content-Type} in, which {@link FetchResults} judges the body by.
 * Nothing else of the exchange is an HTTP header, and no other answer header is read, so none is copied: the
 * default strategy matched every header of every poll against its lists.
 */
public final class ModelArtsHeaders implements HeaderFilterStrategy {
    private static final String ACCEPT = "Accept";

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !ACCEPT.equalsIgnoreCase(headerName);
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !Exchange.CONTENT_TYPE.equalsIgnoreCase(headerName);
    }
}
