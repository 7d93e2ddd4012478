package dev.scoring.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** A mapping for a function that does not exist (a typo) fails the build instead of routing nothing. */
class EventMappingUnknownFunctionTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(TestModel::packagedInto)
            .overrideConfigKey("quarkus.application.name", "iris")
            .overrideConfigKey("quarkus.funqy.knative-events.mapping.scor.trigger", "dev.scoring.iris.other")
            .assertException(failure -> {
                String messages = BuildFailures.messagesOf(failure);
                assertTrue(messages.contains("quarkus.funqy.knative-events.mapping.scor names no function"),
                        "the build failure names the mapping:\n" + messages);
            });

    @Test
    void theBuildFails() {
        fail("the application must not build");
    }
}
