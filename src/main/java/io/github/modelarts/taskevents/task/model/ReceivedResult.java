package io.github.modelarts.taskevents.task.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;

/**
 * A task's {@code result} twice from one read: {@code asReceived} whole, unknown fields included, for events
 * to copy verbatim; {@code typed} for the fields the code reads (null when {@code result} is not an object).
 */
@JsonDeserialize(using = ReceivedResult.Reader.class)
public record ReceivedResult(JsonNode asReceived, TaskResult typed) {

    static final class Reader extends JsonDeserializer<ReceivedResult> {
        @Override
        public ReceivedResult deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String at = parser.getParsingContext().pathAsPointer().toString();
            JsonNode asReceived = context.readTree(parser);
            try (JsonParser typedParser = asReceived.traverse(parser.getCodec())) {
                typedParser.nextToken();
                return new ReceivedResult(asReceived, TypeDrift.readNested(context, typedParser, at, TaskResult.class));
            }
        }
    }
}
