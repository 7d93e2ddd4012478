package dev.scoring.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A function built without Quarkus OIDC (the default) and told to require tokens refuses to start, naming the
 * key and the build switch: it never serves without the authentication it was told to require.
 */
class AuthenticationNotBuiltTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(TestModel::packagedInto)
            .overrideConfigKey("quarkus.application.name", "iris")
            .overrideConfigKey("scoring.auth.enabled", "true")
            .assertException(failure -> {
                String messages = BuildFailures.messagesOf(failure);
                assertTrue(messages.contains("scoring.auth.enabled=true")
                        && messages.contains("build it with quarkus.oidc.enabled=true"),
                        "the start failure names the key and the build switch:\n" + messages);
            });

    @Test
    void theFunctionDoesNotStart() {
        fail("the application must not start");
    }
}
