package dev.scoring.runtime;

import java.util.Locale;

/**
 * Why a request is refused: the stable, machine-readable codes every path answers with (HTTP error bodies,
 * reply events, dead-letter records, the {@code scoring_errors_total} metric). Each says what kind of
 * refusal it is; only the HTTP adapter turns a kind into a status code.
 */
public enum Refusal {

    INVALID_REQUEST(Kind.INVALID_INPUT),
    MISSING_FEATURE(Kind.INVALID_INPUT),
    UNKNOWN_FEATURE(Kind.INVALID_INPUT),
    NOT_A_NUMBER(Kind.INVALID_INPUT),
    NOT_FINITE(Kind.INVALID_INPUT),
    EMPTY_BATCH(Kind.INVALID_INPUT),
    INVALID_JSON(Kind.INVALID_INPUT),
    INVALID_CLOUDEVENT(Kind.INVALID_INPUT),
    INVALID_EVENT_DATA(Kind.INVALID_INPUT),
    INVALID_INFERENCE_REQUEST(Kind.INVALID_INPUT),
    UNKNOWN_EVENT_TYPE(Kind.INVALID_INPUT),
    UNEXPECTED_EVENT_TYPE(Kind.INVALID_INPUT),
    BATCH_TOO_LARGE(Kind.TOO_LARGE),
    BODY_TOO_LARGE(Kind.TOO_LARGE),
    NOT_FOUND(Kind.NOT_FOUND),
    UNKNOWN_MODEL(Kind.NOT_FOUND),
    UNKNOWN_MODEL_VERSION(Kind.NOT_FOUND),
    METHOD_NOT_ALLOWED(Kind.NOT_ALLOWED),
    UNSUPPORTED_MEDIA_TYPE(Kind.UNSUPPORTED_MEDIA_TYPE),
    EXPLANATION_UNAVAILABLE(Kind.NOT_IMPLEMENTED),
    EXPLANATION_TIMEOUT(Kind.UNAVAILABLE),
    MODEL_UNAVAILABLE(Kind.UNAVAILABLE),
    AUTHENTICATION_UNAVAILABLE(Kind.UNAVAILABLE),
    UNAUTHENTICATED(Kind.UNAUTHENTICATED),
    FORBIDDEN(Kind.FORBIDDEN),
    INTERNAL_ERROR(Kind.FAILED);

    /** What kind of refusal a code is, whatever the protocol. */
    public enum Kind {
        /** The input is wrong; sending it again gives the same answer. */
        INVALID_INPUT,
        /** The input is larger than the function takes. */
        TOO_LARGE,
        /** Nothing is served at that address or under that name. */
        NOT_FOUND,
        /** The operation is not one the function offers there. */
        NOT_ALLOWED,
        /** No valid credential came with the request (scoring.auth.enabled). */
        UNAUTHENTICATED,
        /** The caller's credential is valid but lacks the role the operation needs. */
        FORBIDDEN,
        /** The input is in a format the function does not read. */
        UNSUPPORTED_MEDIA_TYPE,
        /** The function cannot do this for its kind of model. */
        NOT_IMPLEMENTED,
        /** Not now: the model is not loaded, or the work took too long. Trying again later may succeed. */
        UNAVAILABLE,
        /** The function failed; the cause is in its log. */
        FAILED
    }

    private final Kind kind;
    private final String code;

    Refusal(Kind kind) {
        this.kind = kind;
        this.code = name().toLowerCase(Locale.ROOT);
    }

    public Kind kind() {
        return kind;
    }

    /** The code as it appears on the wire, e.g. {@code missing_feature}. */
    public String code() {
        return code;
    }

    /** Whether the same input may succeed later (the direct Kafka path retries these, and dead-letters the rest). */
    public boolean isTransient() {
        return kind == Kind.UNAVAILABLE || kind == Kind.FAILED;
    }
}
