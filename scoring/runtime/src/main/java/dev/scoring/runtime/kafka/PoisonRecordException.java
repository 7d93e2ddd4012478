package dev.scoring.runtime.kafka;

import dev.scoring.runtime.Refusal;
import dev.scoring.runtime.ScoringException;

/**
 * A record that can never be scored, whatever the number of attempts: it is sent to the dead-letter
 * topic, whose {@code dead-letter-reason} header carries this message (error code, field, detail), and
 * consumption goes on.
 */
public class PoisonRecordException extends RuntimeException {

    private final Refusal refusal;

    public PoisonRecordException(Refusal refusal, String field, String detail) {
        super(refusal.code() + (field == null ? "" : " (" + field + ")") + ": " + detail, null, false, false);
        this.refusal = refusal;
    }

    public static PoisonRecordException of(ScoringException refusal) {
        return new PoisonRecordException(refusal.refusal(), refusal.field(), refusal.detail());
    }

    /** The machine-readable error code, e.g. {@code invalid_event_data}; a metric tag. */
    public String error() {
        return refusal.code();
    }
}
