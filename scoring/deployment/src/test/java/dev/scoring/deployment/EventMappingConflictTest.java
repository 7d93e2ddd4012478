package dev.scoring.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** Two functions mapped to one CloudEvent type fail the build: the binding could not tell which one to call. */
class EventMappingConflictTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(TestModel::packagedInto)
            .overrideConfigKey("quarkus.application.name", "iris")
            .overrideConfigKey("quarkus.funqy.knative-events.mapping.explainEvent.trigger", "dev.scoring.iris.request")
            .assertException(failure -> {
                String messages = BuildFailures.messagesOf(failure);
                assertTrue(messages.contains("'dev.scoring.iris.request' are mapped to two functions")
                        && messages.contains("'explainEvent'") && messages.contains("'score'"),
                        "the build failure names the type and both functions:\n" + messages);
            });

    @Test
    void theBuildFails() {
        fail("the application must not build");
    }
}
