package dev.scoring.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;

/** A model file whose checksum does not match its descriptor is never served. */
class TamperedModelTest {

    private static final String COPY_KEY = "test.tampered-model";

    /** The application serves a copy of the model made before it starts: its location is configuration. */
    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> TestModel.packagedInto(root).addClasses(TestRows.class))
            .overrideConfigKey("quarkus.application.name", "iris")
            .overrideConfigKey("scoring.model.location", tamperedCopy().toString());

    @Test
    void readinessIsDownAndSaysWhy() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'model' }.data.reason", containsString("checksum mismatch"));
    }

    @Test
    void theProcessStaysAliveAndStarted() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/started").then().statusCode(200);
    }

    @Test
    void scoringIsRefusedWith503AndTheReason() {
        given().contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/predict")
                .then().statusCode(503)
                .contentType(ContentType.JSON)
                .body("error", equalTo("model_unavailable"))
                .body("detail", containsString("checksum mismatch"));
    }

    /**
     * A copy of the test model with one byte of the model file changed, so that its SHA-256 no longer
     * matches the descriptor.
     * <p>
     * This class is initialised twice, by JUnit and again inside the application, where the test model is
     * not on the class path: the copy made first is kept in a system property, shared by both.
     */
    private static synchronized Path tamperedCopy() {
        String made = System.getProperty(COPY_KEY);
        if (made != null) {
            return Path.of(made);
        }
        try {
            Path dir = Files.createTempDirectory("tampered-model");
            Path descriptor = dir.resolve("descriptor.json");
            Path model = dir.resolve("model.tribuo");
            // Deleted on exit in reverse order: the files, then the directory they emptied.
            dir.toFile().deleteOnExit();
            descriptor.toFile().deleteOnExit();
            model.toFile().deleteOnExit();
            copy("test-model/descriptor.json", descriptor);
            copy("test-model/model.tribuo", model);
            byte[] bytes = Files.readAllBytes(model);
            bytes[bytes.length / 2] ^= 0x01;
            Files.write(model, bytes);
            System.setProperty(COPY_KEY, dir.toString());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = TamperedModelTest.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
    }
}
