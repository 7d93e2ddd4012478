package dev.scoring.runtime.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.scoring.runtime.ScoringConfig;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The identities of bearer tokens already verified, each kept until its token expires (and at most
 * {@code maxAge}), so that a caller sending the same token again skips the signature check, which dominates
 * the cost of an authenticated one-row request. Tokens are found by a SHA-256 of their exact text: a forged or
 * altered token is never found and goes through full verification. Bounded: when {@code size} tokens are held
 * and none has expired, new ones are simply not remembered.
 */
@Singleton
// Part of builds with Quarkus OIDC only (quarkus.oidc.enabled; without it, AuthenticationNotBuilt).
@IfBuildProperty(name = "quarkus.oidc.enabled", stringValue = "true")
public class VerifiedTokens {

    private record Entry(SecurityIdentity identity, long expiresAtMillis) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final int size;
    private final long maxAgeMillis;
    private final LongSupplier clock;

    @Inject
    VerifiedTokens(ScoringConfig config) {
        this(config.auth().tokenCache().size(), config.auth().tokenCache().maxAge(), System::currentTimeMillis);
    }

    VerifiedTokens(int size, Duration maxAge, LongSupplier clock) {
        this.size = size;
        this.maxAgeMillis = maxAge.toMillis();
        this.clock = clock;
    }

    boolean enabled() {
        return size > 0 && maxAgeMillis > 0;
    }

    Optional<SecurityIdentity> find(String token) {
        if (!enabled()) {
            return Optional.empty();
        }
        String key = digest(token);
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expiresAtMillis() <= clock.getAsLong()) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.identity());
    }

    /** @param tokenExpiryMillis the token's own {@code exp}, in epoch milliseconds */
    void remember(String token, SecurityIdentity identity, long tokenExpiryMillis) {
        if (!enabled()) {
            return;
        }
        long now = clock.getAsLong();
        long expiresAt = Math.min(tokenExpiryMillis, now + maxAgeMillis);
        if (expiresAt <= now) {
            return;
        }
        if (entries.size() >= size) {
            entries.values().removeIf(entry -> entry.expiresAtMillis() <= now);
            if (entries.size() >= size) {
                return;
            }
        }
        entries.put(digest(token), new Entry(identity, expiresAt));
    }

    int held() {
        return entries.size();
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
