package dev.scoring.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.runtime.ServedModel;
import dev.scoring.runtime.model.ModelDescriptor;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The packaged model is verified by the build, which records its descriptor into the application; start-up
 * decodes only the model file. The recorded descriptor must be the file's, field for field (features with
 * their ranges and histograms, labels, priors, metrics, training), since validation, drift and explanations
 * read it.
 */
class PackagedModelTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(TestModel::packagedInto);

    @Inject
    ServedModel served;

    @Test
    void theServedDescriptorIsThePackagedFileFieldForField() throws IOException {
        ModelDescriptor fromFile;
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("model/descriptor.json")) {
            fromFile = new ObjectMapper().readValue(in, ModelDescriptor.class);
        }
        assertEquals(fromFile, served.require().descriptor());
        assertEquals(ServedModel.ORIGIN_EMBEDDED, served.origin());
    }
}
