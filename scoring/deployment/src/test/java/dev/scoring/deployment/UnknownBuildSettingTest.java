package dev.scoring.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** A value outside a closed set fails the build with a message that names the key and the value. */
class UnknownBuildSettingTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(TestModel::packagedInto)
            .overrideConfigKey("quarkus.application.name", "iris")
            .overrideConfigKey("scoring-knative.topology-spread", "planet")
            .assertException(failure -> {
                String messages = BuildFailures.messagesOf(failure);
                assertTrue(messages.contains("scoring-knative.topology-spread") && messages.contains("planet"),
                        "the build failure names the key and the value:\n" + messages);
            });

    @Test
    void theBuildFails() {
        fail("the application must not build");
    }
}
