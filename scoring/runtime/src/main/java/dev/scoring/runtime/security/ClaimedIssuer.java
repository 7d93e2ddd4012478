package dev.scoring.runtime.security;

import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The issuer a bearer token claims, read without verifying anything: only to choose how to answer a token that
 * could not be verified (which keys were missing), never to let anyone in.
 */
public final class ClaimedIssuer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClaimedIssuer() {
    }

    /** @param authorization the request's {@code Authorization} header, {@code Bearer <JWT>} */
    public static Optional<String> of(String authorization) {
        String[] parts = BearerToken.of(authorization).orElse("").split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode issuer = claims == null ? null : claims.get("iss");
            return issuer != null && issuer.isTextual() ? Optional.of(issuer.textValue()) : Optional.empty();
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty(); // not a JWT: nothing claimed
        }
    }
}
