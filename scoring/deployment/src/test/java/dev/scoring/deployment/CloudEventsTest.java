package dev.scoring.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * CloudEvents in binary and structured mode, and Kafka records exactly as Knative's KafkaSource
 * delivers them (its dispatcher sends binary mode, type {@code dev.knative.kafka.event}, source
 * naming the KafkaSource and topic, subject {@code partition:<p>#<offset>}, the record key in the
 * {@code key} extension, and the record value as the body, with no content type unless the record
 * had one).
 */
class CloudEventsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> TestModel.packagedInto(root).addClasses(TestRows.class))
            .overrideConfigKey("quarkus.application.name", "iris");

    private static final String REQUEST_TYPE = "dev.scoring.iris.request";
    private static final String SCORED_TYPE = "dev.scoring.iris.scored";
    private static final String SOURCE = "/functions/iris";

    @Test
    void aBinaryModeRequestIsAnsweredWithAScoredEventCarryingItsId() {
        binaryEvent("req-binary-1", REQUEST_TYPE).contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/")
                .then().statusCode(200)
                .header("ce-type", SCORED_TYPE)
                .header("ce-source", SOURCE)
                .header("ce-specversion", "1.0")
                .header("ce-id", not(emptyOrNullString()))
                .header("ce-id", not(equalTo("req-binary-1")))
                .header("ce-correlationid", "req-binary-1")
                .contentType(ContentType.JSON)
                .body("label", equalTo("setosa"))
                .body("model", equalTo("iris"));
    }

    @Test
    void aStructuredModeRequestIsAnsweredInStructuredMode() {
        given().contentType("application/cloudevents+json")
                .body("""
                        {"specversion": "1.0", "id": "req-structured-1", "source": "/test", "type": "%s",
                         "datacontenttype": "application/json", "data": %s}""".formatted(REQUEST_TYPE, TestRows.VIRGINICA))
                .when().post("/")
                .then().statusCode(200)
                .contentType("application/cloudevents+json")
                .body("type", equalTo(SCORED_TYPE))
                .body("source", equalTo(SOURCE))
                .body("correlationid", equalTo("req-structured-1"))
                .body("id", not(equalTo("req-structured-1")))
                .body("data.label", equalTo("virginica"))
                .body("data.version", equalTo("1.0.0"));
    }

    @Test
    void anEventCarryingABatchIsAnsweredWithAnArray() {
        binaryEvent("req-batch-1", REQUEST_TYPE).contentType(ContentType.JSON)
                .body("[" + TestRows.SETOSA + "," + TestRows.VIRGINICA + "]")
                .when().post("/")
                .then().statusCode(200)
                .header("ce-correlationid", "req-batch-1")
                .body("label", contains("setosa", "virginica"));
    }

    @Test
    void aKafkaSourceEventWithoutContentTypeIsScoredAndKeepsTheRecordKey() {
        kafkaSourceEvent(42)
                .header("ce-key", "customer-7")
                .body(TestRows.SETOSA.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/")
                .then().statusCode(200)
                .header("ce-type", SCORED_TYPE)
                .header("ce-correlationid", "partition:0/offset:42")
                .header("ce-subject", "partition:0#42")
                .header("ce-partitionkey", "customer-7")
                .body("label", equalTo("setosa"));
    }

    @Test
    void aKafkaSourceEventWithOctetStreamContentTypeIsScored() {
        kafkaSourceEvent(43).contentType("application/octet-stream")
                .body(TestRows.VERSICOLOR.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/")
                .then().statusCode(200)
                .body("label", equalTo("versicolor"));
    }

    @Test
    void aKafkaRecordThatIsNotJsonIsRefusedNamingTheData() {
        kafkaSourceEvent(44).contentType("application/octet-stream")
                .body("sepal_length=5.1".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/")
                .then().statusCode(400)
                .body("error", equalTo("invalid_event_data"))
                .body("field", equalTo("data"));
    }

    @Test
    void aKafkaRecordWithoutValueIsRefused() {
        kafkaSourceEvent(45)
                .when().post("/")
                .then().statusCode(400)
                .body("error", equalTo("invalid_event_data"));
    }

    @Test
    void aBinaryEventWithoutSourceIsRefused() {
        given().header("ce-id", "x").header("ce-specversion", "1.0").header("ce-type", REQUEST_TYPE)
                .contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/")
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo("invalid_cloudevent"))
                .body("field", equalTo("ce-source"));
    }

    @Test
    void aBinaryEventWithoutIdIsRefused() {
        given().header("ce-source", "/t").header("ce-specversion", "1.0").header("ce-type", REQUEST_TYPE)
                .contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/")
                .then().statusCode(400)
                .body("error", equalTo("invalid_cloudevent"))
                .body("field", equalTo("ce-id"));
    }

    @Test
    void aStructuredEventWithoutTypeIsRefused() {
        given().contentType("application/cloudevents+json")
                .body("""
                        {"specversion": "1.0", "id": "x", "source": "/t", "data": %s}""".formatted(TestRows.SETOSA))
                .when().post("/")
                .then().statusCode(400)
                .body("error", equalTo("invalid_cloudevent"))
                .body("field", equalTo("type"));
    }

    @Test
    void aStructuredEventThatIsNotJsonIsRefused() {
        given().contentType("application/cloudevents+json").body("{\"specversion\": \"1.0\", ")
                .when().post("/")
                .then().statusCode(400)
                .body("error", equalTo("invalid_cloudevent"));
    }

    @Test
    void anEventOfAnotherTypeIsRefusedNamingTheTypesThatAreScored() {
        binaryEvent("x", "com.example.order.created").contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/")
                .then().statusCode(400)
                .body("error", equalTo("unknown_event_type"))
                .body("field", equalTo("ce-type"))
                .body("detail", org.hamcrest.Matchers.containsString(REQUEST_TYPE));
    }

    @Test
    void anUnsupportedSpecVersionIsRefused() {
        given().header("ce-id", "x").header("ce-source", "/t").header("ce-specversion", "2.0")
                .header("ce-type", REQUEST_TYPE).contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/")
                .then().statusCode(400)
                .body("field", equalTo("ce-specversion"));
    }

    @Test
    void eventDataThatIsNotJsonIsRefused() {
        binaryEvent("x", REQUEST_TYPE).contentType(ContentType.JSON).body("{not json")
                .when().post("/")
                .then().statusCode(400)
                .body("error", equalTo("invalid_event_data"))
                .body("field", equalTo("data"));
    }

    @Test
    void eventDataThatBreaksTheSchemaIsRefusedNamingTheField() {
        binaryEvent("x", REQUEST_TYPE).contentType(ContentType.JSON).body("""
                {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4}""")
                .when().post("/")
                .then().statusCode(400)
                .body("error", equalTo("missing_feature"))
                .body("field", equalTo("petal_width"));
    }

    @Test
    void batchModeCloudEventsAreRefusedWith415() {
        given().contentType("application/cloudevents-batch+json").body("[]")
                .when().post("/")
                .then().statusCode(415)
                .body("error", equalTo("unsupported_media_type"));
    }

    @AfterEach
    void theFunctionStillScoresEvents() {
        binaryEvent("after", REQUEST_TYPE).contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/")
                .then().statusCode(200)
                .header("ce-correlationid", "after");
    }

    private static RequestSpecification binaryEvent(String id, String type) {
        return given().header("ce-id", id).header("ce-specversion", "1.0").header("ce-source", "/tests")
                .header("ce-type", type);
    }

    /** Headers as KafkaSource's dispatcher writes them for record {@code offset} of partition 0. */
    private static RequestSpecification kafkaSourceEvent(long offset) {
        return given().noContentType()
                .header("ce-id", "partition:0/offset:" + offset)
                .header("ce-specversion", "1.0")
                .header("ce-source", "/apis/v1/namespaces/default/kafkasources/iris-requests#iris-requests")
                .header("ce-subject", "partition:0#" + offset)
                .header("ce-type", "dev.knative.kafka.event")
                .header("ce-time", "2026-11-26T07:00:00Z");
    }
}
