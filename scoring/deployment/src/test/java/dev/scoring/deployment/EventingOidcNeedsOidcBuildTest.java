package dev.scoring.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * Triggers that send delivery tokens to a function that cannot verify them would have every event refused:
 * {@code scoring-knative.eventing.oidc=true} without Quarkus OIDC in the build fails the build.
 */
class EventingOidcNeedsOidcBuildTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(TestModel::packagedInto)
            .overrideConfigKey("quarkus.application.name", "iris")
            .overrideConfigKey("quarkus.knative.namespace", "ml-prod")
            .overrideConfigKey("scoring-knative.eventing.oidc", "true")
            .assertException(failure -> {
                String messages = BuildFailures.messagesOf(failure);
                assertTrue(messages.contains("scoring-knative.eventing.oidc=true needs quarkus.oidc.enabled=true"),
                        "the build failure names both keys:\n" + messages);
            });

    @Test
    void theBuildFails() {
        fail("the application must not build");
    }
}
