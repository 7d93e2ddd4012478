package dev.scoring.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

class VerifiedTokensTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final SecurityIdentity alice = QuarkusSecurityIdentity.builder().setPrincipal(() -> "alice").build();

    private VerifiedTokens cache(int size, Duration maxAge) {
        return new VerifiedTokens(size, maxAge, now::get);
    }

    @Test
    void aRememberedTokenIsFoundByItsExactTextOnly() {
        VerifiedTokens tokens = cache(10, Duration.ofMinutes(1));
        tokens.remember("header.claims.signature", alice, now.get() + 300_000);

        assertSame(alice, tokens.find("header.claims.signature").orElseThrow());
        assertTrue(tokens.find("header.claims.signaturE").isEmpty());
        assertTrue(tokens.find("header.claims.").isEmpty());
    }

    @Test
    void anEntryEndsWhenTheTokenExpiresEvenBeforeTheMaximumAge() {
        VerifiedTokens tokens = cache(10, Duration.ofMinutes(10));
        tokens.remember("t", alice, now.get() + 5_000);

        now.addAndGet(4_999);
        assertTrue(tokens.find("t").isPresent());
        now.addAndGet(1);
        assertTrue(tokens.find("t").isEmpty());
        assertEquals(0, tokens.held(), "an expired entry is dropped when found expired");
    }

    @Test
    void anEntryEndsAtTheMaximumAgeEvenIfTheTokenLivesLonger() {
        VerifiedTokens tokens = cache(10, Duration.ofSeconds(60));
        tokens.remember("t", alice, now.get() + 3_600_000);

        now.addAndGet(59_999);
        assertTrue(tokens.find("t").isPresent());
        now.addAndGet(1);
        assertTrue(tokens.find("t").isEmpty());
    }

    @Test
    void anAlreadyExpiredTokenIsNotRemembered() {
        VerifiedTokens tokens = cache(10, Duration.ofSeconds(60));
        tokens.remember("t", alice, now.get());
        assertEquals(0, tokens.held());
    }

    @Test
    void whenFullExpiredEntriesMakeRoomAndOtherwiseNewTokensAreNotRemembered() {
        VerifiedTokens tokens = cache(2, Duration.ofSeconds(60));
        tokens.remember("short", alice, now.get() + 1_000);
        tokens.remember("long", alice, now.get() + 60_000);
        tokens.remember("refused", alice, now.get() + 60_000);
        assertTrue(tokens.find("refused").isEmpty(), "full, nothing expired: not remembered");

        now.addAndGet(1_000);
        tokens.remember("admitted", alice, now.get() + 60_000);
        assertTrue(tokens.find("admitted").isPresent(), "the expired entry made room");
        assertTrue(tokens.find("long").isPresent());
        assertEquals(2, tokens.held());
    }

    @Test
    void sizeZeroRemembersNothing() {
        VerifiedTokens tokens = cache(0, Duration.ofSeconds(60));
        assertFalse(tokens.enabled());
        tokens.remember("t", alice, now.get() + 60_000);
        assertTrue(tokens.find("t").isEmpty());
    }
}
