package dev.scoring.runtime.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.scoring.runtime.tracing.ScoringTracer;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * What identifies a consumed record, so that its scored event can be matched to it and redeliveries
 * de-duplicated: the CloudEvent id when the record is a CloudEvent, else {@code topic/partition/offset},
 * which is just as unique and stable across redeliveries.
 *
 * @param correlationId the request's identity, copied to the scored event's {@code correlationid}
 * @param eventType the request's CloudEvent type, null for a plain record
 * @param subject the request's CloudEvent subject, null when it has none
 * @param key the record key, kept on the scored record so it lands in the matching partition
 * @param traceparent W3C trace context of the request, from the CloudEvent or a record header
 */
record RecordIdentity(String correlationId, String eventType, String subject, String key, String traceparent) {

    static RecordIdentity of(Message<?> message) {
        IncomingKafkaRecordMetadata<?, ?> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record: " + message));
        Object key = record.getKey();
        String keyText = key == null ? null : key.toString();
        IncomingCloudEventMetadata<?> event = message.getMetadata(IncomingCloudEventMetadata.class).orElse(null);
        if (event != null) {
            Object traceparent = event.getExtensions().get(ScoringTracer.TRACEPARENT);
            return new RecordIdentity(event.getId(), event.getType(), event.getSubject().orElse(null), keyText,
                    traceparent == null ? null : traceparent.toString());
        }
        Header traceparent = record.getHeaders().lastHeader(ScoringTracer.TRACEPARENT);
        return new RecordIdentity(record.getTopic() + "/" + record.getPartition() + "/" + record.getOffset(), null,
                null, keyText,
                traceparent == null ? null : new String(traceparent.value(), StandardCharsets.UTF_8));
    }
}
