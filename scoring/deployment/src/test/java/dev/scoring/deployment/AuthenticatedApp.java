package dev.scoring.deployment;

import io.quarkus.test.QuarkusUnitTest;

/**
 * The test function with bearer-token authentication on, verifying the users' tokens of {@link TestTokens}
 * against keys fetched as a JWKS from {@link JwksServer}: the set-up every authentication test starts from.
 */
final class AuthenticatedApp {

    private AuthenticatedApp() {
    }

    /**
     * @param jwksPath where on the {@link JwksServer} the keys are, e.g. {@code jwks} or {@code flaky/jwks}
     * @param testBeans further classes of the test's own for the application, e.g. beans observing it
     */
    static QuarkusUnitTest withKeysAt(String jwksPath, Class<?>... testBeans) {
        return new QuarkusUnitTest()
                .withApplicationRoot(root -> TestModel.packagedInto(root)
                        .addClasses(TestRows.class, TestTokens.class, JwksServer.class, AuthenticatedApp.class)
                        .addClasses(testBeans))
                .overrideConfigKey("quarkus.application.name", "iris")
                .overrideConfigKey("quarkus.oidc.enabled", "true")
                .overrideConfigKey("scoring.auth.enabled", "true")
                .overrideConfigKey("quarkus.oidc.auth-server-url", JwksServer.url())
                .overrideConfigKey("quarkus.oidc.discovery-enabled", "false")
                .overrideConfigKey("quarkus.oidc.jwks-path", jwksPath)
                .overrideConfigKey("quarkus.oidc.token.issuer", TestTokens.ISSUER)
                .overrideConfigKey("quarkus.oidc.token.audience", TestTokens.AUDIENCE);
    }
}
