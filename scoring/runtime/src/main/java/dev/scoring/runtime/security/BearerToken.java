package dev.scoring.runtime.security;

import java.util.Optional;

/** The token of an {@code Authorization: Bearer <token>} header (the scheme case-insensitive, RFC 6750). */
final class BearerToken {

    private static final String BEARER = "Bearer ";

    private BearerToken() {
    }

    static Optional<String> of(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(BEARER.length()).trim());
    }
}
