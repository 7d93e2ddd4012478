package dev.scoring.runtime;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Lets the JSON reader accept the tokens {@code NaN} and {@code Infinity}, which many clients
 * (Python's {@code json.dumps} among them) write for non-finite floats. They are then refused by the
 * validator as {@code not_finite} on the field that holds them, which says far more than a syntax error.
 */
@Singleton
public class JsonNumbersCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());
    }
}
