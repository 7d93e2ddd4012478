package dev.scoring.runtime;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * How the function reads and writes JSON numbers.
 * <ul>
 * <li>The reader accepts the tokens {@code NaN} and {@code Infinity}, which many clients (Python's
 * {@code json.dumps} among them) write for non-finite floats. They are then refused by the validator
 * as {@code not_finite} on the field that holds them, which says far more than a syntax error.</li>
 * <li>Doubles are parsed and written with Jackson's fast algorithms (FastDoubleParser, Schubfach)
 * instead of the JDK's: every answer carries a probability per label, and on Java 17 writing them
 * with {@code Double.toString} was the largest part of serialising a one-row answer. Both give the
 * shortest decimal that reads back as the same double.</li>
 * </ul>
 */
@Singleton
public class JsonNumbersCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());
        mapper.enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER.mappedFeature());
        mapper.enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());
    }
}
