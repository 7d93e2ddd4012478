package dev.scoring.runtime.kafka;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.runtime.JsonInput;
import dev.scoring.runtime.Refusal;
import dev.scoring.runtime.ScoringException;

/**
 * One consumed record, read once: its identity and its JSON body, or why it can never be scored (not
 * JSON, or a CloudEvent of another type than the function's request type).
 *
 * @param message the record as SmallRye delivered it, whose nack sends it to the dead-letter topic
 * @param body the parsed value, null when the record is poison
 * @param poison why the record cannot be scored, null when it can
 */
record ConsumedRecord(Message<String> message, RecordIdentity identity, JsonNode body, PoisonRecordException poison) {

    static ConsumedRecord read(Message<String> message, String requestType, ObjectMapper mapper) {
        RecordIdentity identity = RecordIdentity.of(message);
        if (identity.eventType() != null && !identity.eventType().equals(requestType)) {
            return new ConsumedRecord(message, identity, null, new PoisonRecordException(Refusal.UNEXPECTED_EVENT_TYPE,
                    "type", "the event type is '" + identity.eventType() + "'; this function scores events of type '"
                            + requestType + "'"));
        }
        try {
            return new ConsumedRecord(message, identity, JsonInput.KAFKA_RECORD.read(mapper, message.getPayload()), null);
        } catch (ScoringException refusal) {
            return new ConsumedRecord(message, identity, null, PoisonRecordException.of(refusal));
        }
    }
}
