package dev.scoring.deployment;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * RS256-signed JWTs for the authentication tests, made with the JDK alone: a key pair generated per test
 * run, whose public half the function gets as a JWKS ({@link JwksServer}) or as {@code quarkus.oidc.public-key},
 * and a second, foreign key pair for tokens the function must refuse.
 */
final class TestTokens {

    static final String ISSUER = "https://issuer.scoring.test";
    static final String AUDIENCE = "iris-function";

    // QuarkusUnitTest loads this class twice (JUnit's class loader for the configuration, the application's
    // for the tests): the key pairs are kept in a system property so that both copies sign with the same keys.
    private static final KeyPair TRUSTED = shared("auth-test.keys.trusted");
    private static final KeyPair FOREIGN = shared("auth-test.keys.foreign");
    /** The cluster's service-account signing key, as Knative Eventing's delivery tokens are signed. */
    private static final KeyPair CLUSTER = shared("auth-test.keys.cluster");

    static final String CLUSTER_ISSUER = "https://kubernetes.default.svc.cluster.local";

    private TestTokens() {
    }

    /** The trusted public key, base64 (X.509 SubjectPublicKeyInfo), as quarkus.oidc.public-key takes it. */
    static String publicKey() {
        return Base64.getEncoder().encodeToString(TRUSTED.getPublic().getEncoded());
    }

    /** The trusted public key as a JSON Web Key Set (RFC 7517), with the key id the tokens name. */
    static String jwks() {
        return jwks(TRUSTED);
    }

    /** The cluster's service-account key as the API server publishes it. */
    static String clusterJwks() {
        return jwks(CLUSTER);
    }

    /**
     * A delivery token as Knative Eventing sends it: a service-account token of the sender's service account,
     * issued by the cluster, for the given audience.
     */
    static String delivery(String serviceAccountSubject, String audience) {
        return tokenFor(CLUSTER.getPrivate(), CLUSTER_ISSUER, audience, Instant.now().plusSeconds(300),
                serviceAccountSubject);
    }

    static String expiredDelivery(String serviceAccountSubject, String audience) {
        return tokenFor(CLUSTER.getPrivate(), CLUSTER_ISSUER, audience, Instant.now().minusSeconds(3600),
                serviceAccountSubject);
    }

    /** A token claiming the cluster's issuer but signed with the users' identity provider's key. */
    static String deliverySignedByAnotherKey(String serviceAccountSubject, String audience) {
        return tokenFor(TRUSTED.getPrivate(), CLUSTER_ISSUER, audience, Instant.now().plusSeconds(300),
                serviceAccountSubject);
    }

    private static String jwks(KeyPair pair) {
        java.security.interfaces.RSAPublicKey key = (java.security.interfaces.RSAPublicKey) pair.getPublic();
        return "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"test\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                + unsigned(key.getModulus()) + "\",\"e\":\"" + unsigned(key.getPublicExponent()) + "\"}]}";
    }

    private static String unsigned(java.math.BigInteger value) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0; // JWK integers carry no sign byte
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(java.util.Arrays.copyOfRange(bytes, start, bytes.length));
    }

    static String valid(String... groups) {
        return token(TRUSTED.getPrivate(), ISSUER, AUDIENCE, Instant.now().plusSeconds(300), groups);
    }

    static String validUntil(Instant expiry, String... groups) {
        return token(TRUSTED.getPrivate(), ISSUER, AUDIENCE, expiry, groups);
    }

    static String signedByAnotherKey() {
        return token(FOREIGN.getPrivate(), ISSUER, AUDIENCE, Instant.now().plusSeconds(300));
    }

    static String forAnotherAudience() {
        return token(TRUSTED.getPrivate(), ISSUER, "another-function", Instant.now().plusSeconds(300));
    }

    static String fromAnotherIssuer() {
        return token(TRUSTED.getPrivate(), "https://elsewhere.test", AUDIENCE, Instant.now().plusSeconds(300));
    }

    static String expired() {
        return token(TRUSTED.getPrivate(), ISSUER, AUDIENCE, Instant.now().minusSeconds(3600));
    }

    private static String token(PrivateKey key, String issuer, String audience, Instant expiry, String... groups) {
        return tokenFor(key, issuer, audience, expiry, "tester", groups);
    }

    private static String tokenFor(PrivateKey key, String issuer, String audience, Instant expiry, String subject,
            String... groups) {
        long now = Instant.now().getEpochSecond();
        // RS256 signatures are deterministic: without a token id, two tokens made in the same second with the
        // same claims would be the same string, and a test expecting "another token" would get a remembered one.
        String claims = "{\"jti\":\"" + UUID.randomUUID() + "\",\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"" + subject
                + "\",\"iat\":"
                + Math.min(now, expiry.getEpochSecond() - 60) + ",\"exp\":" + expiry.getEpochSecond()
                + ",\"groups\":[" + List.of(groups).stream().map(g -> "\"" + g + "\"").collect(Collectors.joining(","))
                + "]}";
        String signingInput = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"test\"}") + "." + base64Url(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair shared(String property) {
        String encoded = (String) System.getProperties().computeIfAbsent(property, ignored -> {
            KeyPair pair = generate();
            return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + ","
                    + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        });
        String[] parts = encoded.split(",");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return new KeyPair(rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(parts[0]))),
                    rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[1]))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
