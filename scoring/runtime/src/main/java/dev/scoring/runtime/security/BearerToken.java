package dev.scoring.runtime.security;

import java.util.Optional;

/** Reads the bearer token of an {@code Authorization} header (RFC 6750, section 2.1). */
public final class BearerToken {

    private static final String BEARER = "Bearer ";

    private BearerToken() {
    }

    /**
     * The token of a {@code Bearer} header; empty for no header, another scheme, or {@code "Bearer "} with
     * nothing after it: none of these is a credential this function can verify.
     */
    public static Optional<String> of(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = authorization.substring(BEARER.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
