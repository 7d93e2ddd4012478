package dev.scoring.manifests;

/** A ScoringFunction the schema let through but that cannot be deployed; names the field and the problem. */
public class InvalidSpecException extends Exception {

    private final String field;

    public InvalidSpecException(String field, String problem) {
        super("spec." + field + ": " + problem);
        this.field = field;
    }

    /** The field's path below {@code spec}, e.g. {@code scaling.maxScale}. */
    public String field() {
        return field;
    }
}
