package dev.scoring.runtime.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.runtime.Refusal.Kind;
import dev.scoring.runtime.ScoringException;
import dev.scoring.runtime.model.ModelDescriptor.Feature;

class RequestValidatorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());
    private static final RequestValidator VALIDATOR = new RequestValidator(List.of(
            new Feature("a", "double", null, 0, 10, 5),
            new Feature("b", "double", null, -1, 1, 0)), 3);

    @Test
    void valuesComeOutInDescriptorOrderWhateverTheKeyOrder() throws Exception {
        ValidatedRequest request = VALIDATOR.validate(json("{\"b\": 0.5, \"a\": 2}"));
        assertFalse(request.batch());
        assertArrayEquals(new double[] { 2, 0.5 }, request.rows().get(0).values());
        assertTrue(request.rows().get(0).warnings().isEmpty());
    }

    @Test
    void theTrainingRangeBoundsAreInsideTheRange() throws Exception {
        assertTrue(VALIDATOR.validate(json("{\"a\": 0, \"b\": 1}")).rows().get(0).warnings().isEmpty());
        List<Warning> warnings = VALIDATOR.validate(json("{\"a\": 10.5, \"b\": -1.5}")).rows().get(0).warnings();
        assertEquals(List.of("a", "b"), warnings.stream().map(Warning::field).toList());
    }

    @Test
    void aBatchKeepsItsOrder() throws Exception {
        ValidatedRequest request = VALIDATOR.validate(json("[{\"a\": 1, \"b\": 0}, {\"a\": 2, \"b\": 0}]"));
        assertTrue(request.batch());
        assertEquals(2.0, request.rows().get(1).values()[0]);
    }

    @Test
    void refusalsNameTheErrorAndTheField() {
        assertRefused("{\"a\": 1}", Kind.INVALID_INPUT, "missing_feature", "b");
        assertRefused("{\"a\": 1, \"b\": 0, \"c\": 2}", Kind.INVALID_INPUT, "unknown_feature", "c");
        assertRefused("{\"a\": \"1\", \"b\": 0}", Kind.INVALID_INPUT, "not_a_number", "a");
        assertRefused("{\"a\": NaN, \"b\": 0}", Kind.INVALID_INPUT, "not_finite", "a");
        assertRefused("{\"a\": 1, \"b\": Infinity}", Kind.INVALID_INPUT, "not_finite", "b");
        assertRefused("[{\"a\": 1, \"b\": 0}, {\"a\": 1}]", Kind.INVALID_INPUT, "missing_feature", "[1].b");
        assertRefused("[]", Kind.INVALID_INPUT, "empty_batch", null);
        assertRefused("[{\"a\":1,\"b\":0},{\"a\":1,\"b\":0},{\"a\":1,\"b\":0},{\"a\":1,\"b\":0}]", Kind.TOO_LARGE,
                "batch_too_large", null);
        assertRefused("\"a=1\"", Kind.INVALID_INPUT, "invalid_request", null);
        assertRefused("null", Kind.INVALID_INPUT, "invalid_request", null);
    }

    private static void assertRefused(String body, Kind kind, String error, String field) {
        ScoringException e = assertThrows(ScoringException.class, () -> VALIDATOR.validate(json(body)));
        assertEquals(kind, e.refusal().kind(), body);
        assertEquals(error, e.error(), body);
        assertEquals(field, e.field(), body);
    }

    private static JsonNode json(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
