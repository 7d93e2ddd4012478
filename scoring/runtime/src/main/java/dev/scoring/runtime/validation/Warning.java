package dev.scoring.runtime.validation;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Something about an input that did not stop it from being scored, reported with the prediction.
 *
 * @param field the feature concerned
 * @param warning a stable code, such as {@code out_of_range}
 * @param detail a sentence for the human reading it
 */
@RegisterForReflection
public record Warning(String field, String warning, String detail) {

    public static final String OUT_OF_RANGE = "out_of_range";
}
