package io.github.modelarts.taskevents.fetch;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpResponseInterceptor;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Lets at most MAX_RESPONSE_BYTES + 1 bytes of a body through, so a huge or endless body cannot exhaust memory
 * and a longer one is recognisable by its length ({@link FetchResults}). The connection of a cut body is
 * dropped, not drained: reading the rest of an endless body would never end.
 */
final class BodyCap implements HttpResponseInterceptor {
    private final int maxBytes;

    BodyCap(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void process(HttpResponse response, EntityDetails details, HttpContext context) {
        if (response instanceof ClassicHttpResponse classic && classic.getEntity() != null) {
            classic.setEntity(new CappedEntity(classic.getEntity(), maxBytes + 1L));
        }
    }

    private static final class CappedEntity extends HttpEntityWrapper {
        private final long limit;
        private InputStream content;

        CappedEntity(HttpEntity wrapped, long limit) {
            super(wrapped);
            this.limit = limit;
        }

        /** A known length beyond the limit is announced as unknown, so nobody sizes a buffer by it. */
        @Override
        public long getContentLength() {
            long length = super.getContentLength();
            return length > limit ? -1 : length;
        }

        @Override
        public boolean isRepeatable() {
            return false;
        }

        @Override
        public synchronized InputStream getContent() throws IOException {
            if (content == null) {
                content = new CappedStream(super.getContent(), limit);
            }
            return content;
        }
    }

    private static final class CappedStream extends FilterInputStream {
        private long remaining;

        CappedStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
                if (remaining == 0) {
                    abandon();
                }
            }
            return read;
        }

        private void abandon() throws IOException {
            if (in instanceof EofSensorInputStream sensor) {
                sensor.abort();
            }
        }
    }
}
