package io.github.modelarts.taskevents.task.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a value of the wrong JSON type as null, so a field nothing needs (a step's {@code create_time} sent as
 * a string, say) cannot make a good answer unusable. The fields a decision or an event's identity rests on
 * keep failing the read, as does a body that is not an object at all. Each drifted field is logged by its
 * path, never its value (it may be anything); the first time at WARN, afterwards at DEBUG.
 */
final class TypeDrift extends DeserializationProblemHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TypeDrift.class);
    /** JSON pointers from the body's root; "" is the body itself. */
    private static final Set<String> ESSENTIAL = Set.of("", "/status", "/code", "/task_id", "/create_time",
            "/result/total_sample_count", "/result/annotated_sample_count", "/result/unconfirmed_sample_count");

    private static final String NESTED = TypeDrift.class.getName() + ".nested";

    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** A second parser over the part of the body at {@code at}: its paths start there. */
    private record Nested(JsonParser parser, String at) {
    }

    /**
     * Reads a part of the body again, from its tree. Jackson tells some problems without the parser at hand,
     * and the context's own one has moved past the part; this one knows where the field is.
     */
    static <T> T readNested(DeserializationContext context, JsonParser parser, String at, Class<T> type)
            throws IOException {
        context.setAttribute(NESTED, new Nested(parser, at));
        try {
            return context.readValue(parser, type);
        } finally {
            context.setAttribute(NESTED, null);
        }
    }

    @Override
    public Object handleUnexpectedToken(DeserializationContext context, JavaType targetType, JsonToken token,
                                        JsonParser parser, String failureMsg) throws IOException {
        if (!tolerated(context, parser)) {
            return NOT_HANDLED;
        }
        parser.skipChildren();
        return null;
    }

    @Override
    public Object handleWeirdStringValue(DeserializationContext context, Class<?> targetType, String value,
                                         String failureMsg) {
        return tolerated(context, null) ? null : NOT_HANDLED;
    }

    @Override
    public Object handleWeirdNumberValue(DeserializationContext context, Class<?> targetType, Number value,
                                         String failureMsg) {
        return tolerated(context, null) ? null : NOT_HANDLED;
    }

    @Override
    public Object handleMissingInstantiator(DeserializationContext context, Class<?> instanceClass,
                                            ValueInstantiator instantiator, JsonParser parser, String msg)
            throws IOException {
        if (!tolerated(context, parser)) {
            return NOT_HANDLED;
        }
        parser.skipChildren();
        return null;
    }

    /** {@code parser} is the one at the problem, or null when Jackson did not pass it. */
    private boolean tolerated(DeserializationContext context, JsonParser parser) {
        Nested nested = context.getAttribute(NESTED) instanceof Nested part ? part : null;
        JsonParser at = parser != null ? parser : nested != null ? nested.parser() : context.getParser();
        String path = (nested != null && at == nested.parser() ? nested.at() : "")
                + at.getParsingContext().pathAsPointer().toString();
        if (ESSENTIAL.contains(path)) {
            return false;
        }
        // array positions left out, so a long list drifting the same way is reported once
        if (reported.add(path.replaceAll("/\\d+(?=/|$)", "/*"))) {
            LOG.warn("Field {} of an API answer has an unexpected JSON type; read as absent", path);
        } else {
            LOG.debug("Field {} of an API answer has an unexpected JSON type; read as absent", path);
        }
        return true;
    }
}
