package dev.scoring.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.restassured.RestAssured;

/**
 * The same requests, the same bytes back: every answer of the function, body and reply headers, is
 * compared byte for byte with a transcript recorded from the JVM build and kept beside the function's
 * tests ({@value #TRANSCRIPT}).
 * <p>
 * A function's {@code @QuarkusTest} subclass checks the JVM build against the transcript, and its
 * {@code @QuarkusIntegrationTest} subclass checks the packaged build: with {@code -Dnative}, the
 * native executable. So a native executable that answers differently from the JVM (a record Jackson
 * cannot see without reflection metadata answers {@code {}}) fails here, whatever the other tests
 * look at. The requests are built from the packaged model, so every function gets the same cases.
 * <p>
 * After a deliberate change of an answer, record the transcript again from the JVM build and review
 * the diff: {@code ./mvnw verify -pl functions/<name> -Dtest=<Name>RecordedAnswersTest
 * -DrecordAnswers=true}.
 * <p>
 * Health is left to the health contracts: SmallRye Health lists its checks in no fixed order.
 * What cannot be equal in two runs is masked, and only that: a CloudEvent reply's new {@code id},
 * {@code time} and {@code traceparent} (a fresh UUID, timestamp and trace id by design) are recorded
 * as present.
 */
public abstract class RecordedAnswersContract {

    /** Relative to the function module: Maven runs surefire and failsafe there. */
    public static final String TRANSCRIPT = "src/test/resources/recorded-answers.json";
    private static final String RECORD_PROPERTY = "recordAnswers";
    private static final String GENERATED = "<generated>";
    /** New in every reply by design: the event id, its time, and the trace context of an untraced call. */
    private static final Set<String> GENERATED_HEADERS = Set.of("ce-id", "ce-time", "ce-traceparent");
    private static final Pattern STRUCTURED_ID = Pattern.compile("\"id\":\"[0-9a-fA-F-]{36}\"");
    private static final Pattern STRUCTURED_GENERATED = Pattern.compile("\"(time|traceparent)\":\"[^\"]*\"");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    protected final PackagedModel model = PackagedModel.fromClassPath();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** What the JVM build answered when the transcript was recorded, and may only answer again. */
    @Test
    public void everyAnswerIsByteForByteTheRecordedOne() throws Exception {
        List<Exchange> exchanges = new ArrayList<>();
        for (Request request : AnswerCases.of(model)) {
            exchanges.add(new Exchange(request, send(request)));
        }
        Path transcript = Path.of(TRANSCRIPT);
        if (Boolean.getBoolean(RECORD_PROPERTY)) {
            Files.writeString(transcript, JSON.writeValueAsString(exchanges) + "\n");
            return;
        }
        if (!Files.isRegularFile(transcript)) {
            fail("no transcript at " + transcript.toAbsolutePath() + "; record it from the JVM build with -D"
                    + RECORD_PROPERTY + "=true");
        }
        List<Exchange> recorded = List.of(JSON.readValue(transcript.toFile(), Exchange[].class));
        assertEquals(recorded.stream().map(e -> e.request().name()).toList(),
                exchanges.stream().map(e -> e.request().name()).toList(),
                "the cases changed since the transcript was recorded; record it again");
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < exchanges.size(); i++) {
            Exchange expected = recorded.get(i);
            Exchange actual = exchanges.get(i);
            if (!expected.request().equals(actual.request())) {
                differences.add(actual.request().name() + ": the request changed since it was recorded");
            } else if (!expected.answer().equals(actual.answer())) {
                differences.add(actual.request().name() + "\n  recorded: " + expected.answer()
                        + "\n  answered: " + actual.answer());
            }
        }
        assertTrue(differences.isEmpty(), differences.size() + " of " + exchanges.size()
                + " answers differ from " + TRANSCRIPT + ":\n" + String.join("\n", differences));
    }

    private Answer send(Request request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl() + request.path()))
                .timeout(Duration.ofSeconds(30));
        request.headers().forEach(builder::header);
        builder.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(builder.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Map<String, String> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals("content-type") || key.startsWith("ce-")) {
                headers.put(key, GENERATED_HEADERS.contains(key) ? GENERATED : String.join(",", values));
            }
        });
        String body = response.body();
        if (headers.getOrDefault("content-type", "").startsWith("application/cloudevents+json")) {
            body = STRUCTURED_GENERATED.matcher(STRUCTURED_ID.matcher(body).replaceAll("\"id\":\"" + GENERATED + "\""))
                    .replaceAll("\"$1\":\"" + GENERATED + "\"");
        }
        return new Answer(response.statusCode(), headers, body);
    }

    private static String baseUrl() {
        String host = RestAssured.baseURI;
        return host + ":" + RestAssured.port;
    }

    /** One request of the transcript. */
    public record Request(String name, String method, String path, Map<String, String> headers, String body) {
    }

    /** What the function answered: status, content type and CloudEvent headers, the body as sent. */
    public record Answer(int status, Map<String, String> headers, String body) {
    }

    public record Exchange(Request request, Answer answer) {
    }

    /** The cases: everything a caller can send, built from the model so that any function has them. */
    static final class AnswerCases {

        private AnswerCases() {
        }

        static List<Request> of(PackagedModel model) throws IOException {
            String name = model.name();
            List<String> features = model.featureNames();
            String first = features.get(0);
            String last = features.get(features.size() - 1);
            Map<String, Double> mean = model.meanRow();
            String meanRow = JSON_COMPACT.writeValueAsString(mean);
            String holdout = JSON_COMPACT.writeValueAsString(model.holdoutRows());
            Map<String, Object> outOfRange = new LinkedHashMap<>(mean);
            JsonNode firstFeature = model.descriptor().path("features").get(0);
            outOfRange.put(first, firstFeature.path("max").asDouble() + 10 * (firstFeature.path("max").asDouble()
                    - firstFeature.path("min").asDouble()) + 1);
            Map<String, Object> missing = new LinkedHashMap<>(mean);
            missing.remove(last);
            Map<String, Object> unknown = new LinkedHashMap<>(mean);
            unknown.put("colour", 1);
            Map<String, Object> notANumber = new LinkedHashMap<>(mean);
            notANumber.put(first, "5.1");
            String overflow = meanRow.replaceFirst("\"" + Pattern.quote(first) + "\":[^,}]+",
                    "\"" + first + "\":1e400");
            String requestType = "dev.scoring." + name + ".request";
            String explainType = "dev.scoring." + name + ".explain";
            List<Double> tensor = new ArrayList<>();
            model.holdoutRows().subList(0, Math.min(5, model.holdoutRows().size()))
                    .forEach(row -> features.forEach(f -> tensor.add(row.get(f))));
            // Ordered maps: the request's bytes must be the same in every run.
            String v2Infer = JSON_COMPACT.writeValueAsString(ordered("id", "transcript-1", "inputs",
                    List.of(ordered("name", "input-0", "datatype", "FP64",
                            "shape", List.of(tensor.size() / features.size(), features.size()), "data", tensor))));

            List<Request> cases = new ArrayList<>();
            cases.add(post("predict one row", "/predict", json(), meanRow));
            cases.add(post("predict the held-out batch", "/predict", json(), holdout));
            cases.add(post("predict a row outside the training range", "/predict", json(),
                    JSON_COMPACT.writeValueAsString(outOfRange)));
            cases.add(post("refuse a missing feature", "/predict", json(), JSON_COMPACT.writeValueAsString(missing)));
            cases.add(post("refuse an unknown feature", "/predict", json(), JSON_COMPACT.writeValueAsString(unknown)));
            cases.add(post("refuse a string value", "/predict", json(), JSON_COMPACT.writeValueAsString(notANumber)));
            cases.add(post("refuse an overflowing number", "/predict", json(), overflow));
            cases.add(post("refuse a bad row in a batch", "/predict", json(),
                    "[" + meanRow + "," + JSON_COMPACT.writeValueAsString(missing) + "]"));
            cases.add(post("refuse malformed JSON", "/predict", json(), "{\"" + first + "\": 5.1,"));
            cases.add(post("refuse an empty batch", "/predict", json(), "[]"));
            cases.add(post("refuse a scalar body", "/predict", json(), "42"));
            cases.add(post("refuse a body that is not JSON", "/predict", Map.of("Content-Type", "text/plain"),
                    meanRow));
            cases.add(new Request("refuse GET on /predict", "GET", "/predict", Map.of(), null));
            cases.add(new Request("answer an unknown path", "GET", "/no-such-path", Map.of(), null));
            cases.add(post("explain one row", "/explain", json(), meanRow));
            cases.add(post("refuse to explain a batch", "/explain", json(), "[" + meanRow + "," + meanRow + "]"));
            cases.add(post("binary request event", "/", binaryEvent("transcript-binary", requestType, true),
                    meanRow));
            cases.add(post("binary request event with a batch", "/",
                    binaryEvent("transcript-batch", requestType, true), holdout));
            cases.add(post("structured request event", "/", Map.of("Content-Type", "application/cloudevents+json"),
                    "{\"specversion\":\"1.0\",\"id\":\"transcript-structured\",\"source\":\"/transcript\",\"type\":\""
                            + requestType + "\",\"datacontenttype\":\"application/json\",\"data\":" + meanRow + "}"));
            cases.add(post("binary explain event", "/", binaryEvent("transcript-explain", explainType, true),
                    meanRow));
            Map<String, String> kafka = kafkaSourceEvent(42);
            cases.add(post("KafkaSource event without content type", "/", kafka, meanRow));
            Map<String, String> kafkaOctets = new LinkedHashMap<>(kafkaSourceEvent(43));
            kafkaOctets.put("Content-Type", "application/octet-stream");
            cases.add(post("KafkaSource event as octet-stream", "/", kafkaOctets, meanRow));
            cases.add(post("refuse a KafkaSource record that is not JSON", "/", kafkaOctets, first + "=5.1"));
            cases.add(post("refuse an event of an unknown type", "/",
                    binaryEvent("transcript-unknown", "dev.scoring.nobody.request", true), meanRow));
            cases.add(post("refuse an event whose row misses a feature", "/",
                    binaryEvent("transcript-missing", requestType, true), JSON_COMPACT.writeValueAsString(missing)));
            cases.add(post("refuse an event without its id", "/", withoutId(binaryEvent("x", requestType, true)),
                    meanRow));
            cases.add(new Request("V2 model metadata", "GET", "/v2/models/" + name, Map.of(), null));
            cases.add(post("V2 infer", "/v2/models/" + name + "/infer", json(), v2Infer));
            cases.add(post("V2 refuse a wrong shape", "/v2/models/" + name + "/infer", json(),
                    "{\"inputs\":[{\"name\":\"input-0\",\"datatype\":\"FP64\",\"shape\":[1,2],\"data\":[1.0,2.0]}]}"));
            return cases;
        }

        private static final ObjectMapper JSON_COMPACT = new ObjectMapper();

        private static Map<String, Object> ordered(Object... keysAndValues) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
            return map;
        }

        private static Request post(String name, String path, Map<String, String> headers, String body) {
            return new Request(name, "POST", path, new TreeMap<>(headers), body);
        }

        private static Map<String, String> json() {
            return Map.of("Content-Type", "application/json");
        }

        private static Map<String, String> binaryEvent(String id, String type, boolean withContentType) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("ce-id", id);
            headers.put("ce-specversion", "1.0");
            headers.put("ce-source", "/transcript");
            headers.put("ce-type", type);
            if (withContentType) {
                headers.put("Content-Type", "application/json");
            }
            return headers;
        }

        private static Map<String, String> withoutId(Map<String, String> headers) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.remove("ce-id");
            return copy;
        }

        /** What Knative's KafkaSource posts for a record: its own type, source and subject, no content type. */
        private static Map<String, String> kafkaSourceEvent(long offset) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("ce-id", "partition:0/offset:" + offset);
            headers.put("ce-specversion", "1.0");
            headers.put("ce-source", "/apis/v1/namespaces/default/kafkasources/transcript#transcript-requests");
            headers.put("ce-type", "dev.knative.kafka.event");
            headers.put("ce-subject", "partition:0#" + offset);
            headers.put("ce-key", "customer-" + offset);
            return headers;
        }
    }
}
