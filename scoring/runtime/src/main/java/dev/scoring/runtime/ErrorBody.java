package dev.scoring.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The body of every error response.
 *
 * @param error a stable, machine-readable reason such as {@code missing_feature}
 * @param field the offending field ({@code petal_width}, {@code [3].petal_width} in a batch,
 *        {@code type} for a CloudEvent attribute), absent when no single field is at fault
 * @param detail a sentence for the human reading it
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ErrorBody(String error, String field, String detail) {
}
