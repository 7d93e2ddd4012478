package dev.scoring.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;

/**
 * A token the function has verified is not verified again on the caller's next requests
 * ({@code scoring.auth.token-cache.*}), yet everything a verification decides still holds: the entry ends
 * with the token's expiry, an altered token is verified (and refused) in full, and the role the identity had
 * still decides {@code /explain}. Verifications are counted by an augmentor, which Quarkus runs only after a
 * full verification.
 */
class VerifiedTokenCacheTest {

    @RegisterExtension
    static final QuarkusUnitTest app = AuthenticatedApp.withKeysAt("jwks", CountingVerifications.class)
            .overrideConfigKey("scoring.auth.explain-role", "explainer");

    /** Counts the identities Quarkus OIDC makes, i.e. the tokens it verifies in full. */
    @ApplicationScoped
    public static class CountingVerifications implements SecurityIdentityAugmentor {
        static final AtomicInteger COUNT = new AtomicInteger();

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            COUNT.incrementAndGet();
            return Uni.createFrom().item(identity);
        }
    }

    @BeforeEach
    void resetCount() {
        CountingVerifications.COUNT.set(0);
    }

    @Test
    void aCallersNextRequestsWithTheSameTokenAreNotVerifiedAgain() {
        String token = TestTokens.valid();
        for (int i = 0; i < 5; i++) {
            predict(token).statusCode(200).body("label", equalTo("setosa"));
        }
        assertEquals(1, CountingVerifications.COUNT.get());
        predict(TestTokens.valid("another")).statusCode(200);
        assertEquals(2, CountingVerifications.COUNT.get(), "another token is verified on its own");
    }

    @Test
    void aRememberedTokenIsRefusedOnceItHasExpired() throws InterruptedException {
        Instant expiry = Instant.now().plusSeconds(3);
        String token = TestTokens.validUntil(expiry);
        predict(token).statusCode(200);
        predict(token).statusCode(200);
        Thread.sleep(Math.max(0, expiry.toEpochMilli() - System.currentTimeMillis()) + 1_500);
        predict(token).statusCode(401).body("error", equalTo("unauthenticated"));
    }

    @Test
    void anAlteredCopyOfARememberedTokenIsVerifiedAndRefused() {
        String token = TestTokens.valid();
        predict(token).statusCode(200);
        char last = token.charAt(token.length() - 2);
        String altered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        predict(altered).statusCode(401).body("error", equalTo("unauthenticated"));
        predict(token + "x").statusCode(401);
    }

    @Test
    void aRememberedIdentityStillNeedsTheRoleForExplanations() {
        String withoutRole = TestTokens.valid();
        for (int i = 0; i < 2; i++) {
            explain(withoutRole).statusCode(403);
        }
        String withRole = TestTokens.valid("explainer");
        for (int i = 0; i < 2; i++) {
            explain(withRole).statusCode(200);
        }
        assertEquals(2, CountingVerifications.COUNT.get());
    }

    private static io.restassured.response.ValidatableResponse predict(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/predict").then();
    }

    private static io.restassured.response.ValidatableResponse explain(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/explain").then();
    }
}
