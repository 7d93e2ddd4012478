package dev.scoring.runtime;

/**
 * A request the function refuses, with the HTTP status and the JSON error body
 * {@code {"error": ..., "field": ..., "detail": ...}} it is answered with. Thrown anywhere while
 * handling a request; {@link dev.scoring.runtime.http.ErrorResponder} turns it into the response.
 */
public class ScoringException extends RuntimeException {

    private final int status;
    private final String error;
    private final String field;

    public ScoringException(int status, String error, String field, String detail) {
        super(detail, null, false, false); // expected outcome: no stack trace to fill or log
        this.status = status;
        this.error = error;
        this.field = field;
    }

    public static ScoringException badRequest(String error, String field, String detail) {
        return new ScoringException(400, error, field, detail);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String field() {
        return field;
    }

    public String detail() {
        return getMessage();
    }
}
