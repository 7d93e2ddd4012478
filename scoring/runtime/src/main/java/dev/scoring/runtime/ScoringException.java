package dev.scoring.runtime;

/**
 * A request the function refuses: the {@link Refusal}, the field at fault and a sentence for the human
 * reading it, i.e. the JSON error body {@code {"error": ..., "field": ..., "detail": ...}}. Thrown anywhere
 * while handling a request; each adapter renders it its own way (the HTTP adapter picks the status from
 * the refusal's kind, the direct Kafka path retries or dead-letters it).
 */
public class ScoringException extends RuntimeException {

    private final Refusal refusal;
    private final String field;

    public ScoringException(Refusal refusal, String field, String detail) {
        super(detail, null, false, false); // expected outcome: no stack trace to fill or log
        this.refusal = refusal;
        this.field = field;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** The refusal's code, e.g. {@code missing_feature}. */
    public String error() {
        return refusal.code();
    }

    public String field() {
        return field;
    }

    public String detail() {
        return getMessage();
    }
}
