package dev.scoring.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A JSON document a request carries (an HTTP body, a CloudEvent's data, a Kafka record's value) and how
 * to refuse it when it is absent or is not JSON. Every protocol parses its input through one of these,
 * once per request, so a refusal reads the same wherever the document came from.
 *
 * @param error the refusal
 * @param field the field the refusal names, or {@code null} for the whole body
 * @param whenAbsent the refusal's detail when there is nothing (or only white space) to parse
 * @param whenInvalid the start of the refusal's detail when the document is not JSON; the parser's
 *        position-bearing reason follows
 */
public record JsonInput(Refusal error, String field, String whenAbsent, String whenInvalid) {

    /** The body of a plain HTTP request ({@code /predict}, {@code /explain}). */
    public static final JsonInput HTTP_BODY = new JsonInput(Refusal.INVALID_JSON, null, "the request body is empty",
            "the body is not valid JSON: ");
    /** A structured-mode CloudEvent: the whole event is the body. */
    public static final JsonInput STRUCTURED_EVENT = new JsonInput(Refusal.INVALID_CLOUDEVENT, null,
            "the request body is empty", "the body is not valid JSON: ");
    /** The data of a CloudEvent, binary or structured mode. */
    public static final JsonInput EVENT_DATA = new JsonInput(Refusal.INVALID_EVENT_DATA, "data",
            "the event carries no data to score", "the event data is not JSON: ");
    /** The value of a Kafka record consumed on the direct path. */
    public static final JsonInput KAFKA_RECORD = new JsonInput(Refusal.INVALID_EVENT_DATA, "data",
            "the record carries no data to score", "the record value is not JSON: ");
    /** The body of an Open Inference Protocol (V2) request. */
    public static final JsonInput V2_BODY = new JsonInput(Refusal.INVALID_INFERENCE_REQUEST, null,
            "the request body is empty", "the body is not valid JSON: ");

    /**
     * @throws ScoringException with this input's refusal when the bytes are absent, blank or not JSON
     */
    public JsonNode read(ObjectMapper mapper, byte[] bytes) {
        if (isBlank(bytes)) {
            throw new ScoringException(error, field, whenAbsent);
        }
        try {
            return mapper.readTree(bytes);
        } catch (IOException e) {
            throw new ScoringException(error, field, whenInvalid + JsonErrors.describe(e));
        }
    }

    /** As {@link #read(ObjectMapper, byte[])}, for a document that arrived as text. */
    public JsonNode read(ObjectMapper mapper, String text) {
        return read(mapper, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isBlank(byte[] bytes) {
        if (bytes == null) {
            return true;
        }
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
