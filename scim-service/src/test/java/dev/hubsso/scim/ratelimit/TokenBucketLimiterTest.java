package dev.hubsso.scim.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.scim.ratelimit.TokenBucketLimiter.Decision;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket on a hand-driven clock. */
class TokenBucketLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong(42 * SECOND);

    private TokenBucketLimiter limiter(int perSecond, int burst) {
        return new TokenBucketLimiter(perSecond, burst, clock::get);
    }

    private int admitted(TokenBucketLimiter l, String key, int attempts) {
        int ok = 0;
        for (int i = 0; i < attempts; i++) {
            if (l.tryAcquire(key, 1).allowed()) {
                ok++;
            }
        }
        return ok;
    }

    @Test
    void aFreshBucketAdmitsTheBurstThenRefusesUntilItRefills() {
        TokenBucketLimiter l = limiter(10, 20);
        assertEquals(20, admitted(l, "t", 50));
        Decision refused = l.tryAcquire("t", 1);
        assertFalse(refused.allowed());
        assertEquals(SECOND / 10, refused.retryAfterNanos());
        assertEquals(1, refused.retryAfterSeconds());
        clock.addAndGet(SECOND / 10);
        assertTrue(l.tryAcquire("t", 1).allowed());
        assertFalse(l.tryAcquire("t", 1).allowed());
        clock.addAndGet(SECOND); // ten more tokens, not more
        assertEquals(10, admitted(l, "t", 50));
    }

    @Test
    void theSustainedRateIsTheConfiguredOne() {
        TokenBucketLimiter l = limiter(25, 5);
        int ok = admitted(l, "t", 5);
        for (int ms = 0; ms < 10_000; ms++) { // 10 s at one attempt per millisecond
            clock.addAndGet(SECOND / 1000);
            ok += admitted(l, "t", 1);
        }
        assertEquals(5 + 250, ok);
    }

    @Test
    void keysHaveTheirOwnBuckets() {
        TokenBucketLimiter l = limiter(1, 3);
        assertEquals(3, admitted(l, "org-a\ntok-1", 10));
        assertEquals(3, admitted(l, "org-a\ntok-2", 10));
        assertEquals(3, admitted(l, "org-b\ntok-1", 10));
        assertFalse(l.tryAcquire("org-a\ntok-1", 1).allowed());
    }

    @Test
    void aCostlyRequestNeedsTheTokensItCosts() {
        TokenBucketLimiter l = limiter(10, 20);
        assertTrue(l.tryAcquire("t", 15).allowed());
        Decision d = l.tryAcquire("t", 10); // 5 left, 10 needed: 0.5 s
        assertFalse(d.allowed());
        assertEquals(SECOND / 2, d.retryAfterNanos());
        assertTrue(l.tryAcquire("t", 5).allowed());
    }

    @Test
    void aRequestCostlierThanTheBurstWaitsForAFullBucketThenLeavesItInDebt() {
        TokenBucketLimiter l = limiter(10, 20);
        assertTrue(l.tryAcquire("t", 1).allowed());
        Decision notFull = l.tryAcquire("t", 100);
        assertFalse(notFull.allowed());
        assertEquals(SECOND / 10, notFull.retryAfterNanos());
        clock.addAndGet(SECOND / 10);
        assertTrue(l.tryAcquire("t", 100).allowed());
        // 100 taken from 20: 80 owed, then 1 more needed: 8.1 s at 10/s
        Decision next = l.tryAcquire("t", 1);
        assertFalse(next.allowed());
        assertEquals(81 * SECOND / 10, next.retryAfterNanos());
        assertEquals(9, next.retryAfterSeconds());
        clock.addAndGet(81 * SECOND / 10);
        assertTrue(l.tryAcquire("t", 1).allowed());
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertEquals(1, new Decision(false, 1).retryAfterSeconds());
        assertEquals(1, new Decision(false, SECOND).retryAfterSeconds());
        assertEquals(2, new Decision(false, SECOND + 1).retryAfterSeconds());
    }

    @Test
    void idleBucketsAreDroppedAndComeBackFull() {
        TokenBucketLimiter l = limiter(100, 200);
        for (int i = 0; i < 1000; i++) {
            l.tryAcquire("token-" + i, 1);
        }
        assertEquals(1000, l.size());
        assertEquals(200 - 1, admitted(l, "busy", 199));
        clock.addAndGet(TokenBucketLimiter.SWEEP_INTERVAL_NANOS);
        l.tryAcquire("other", 1); // the request that notices the sweep is due
        assertEquals(1, l.size(), "only the bucket used just now is left");
        assertEquals(200, admitted(l, "busy", 500), "a dropped bucket starts full");
    }

    @Test
    void aBucketInDebtIsNotDropped() {
        TokenBucketLimiter l = limiter(1, 1);
        assertTrue(l.tryAcquire("t", 1000).allowed()); // 999 s of debt
        clock.addAndGet(TokenBucketLimiter.SWEEP_INTERVAL_NANOS);
        l.tryAcquire("other", 1);
        assertFalse(l.tryAcquire("t", 1).allowed());
    }

    @Test
    void concurrentCallersNeverGetMoreThanTheBurst() throws Exception {
        TokenBucketLimiter l = limiter(1, 1000); // the clock does not move: exactly 1000 admissions
        AtomicInteger ok = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                start.await();
                for (int i = 0; i < 5000; i++) {
                    if (l.tryAcquire("shared", 1).allowed()) {
                        ok.incrementAndGet();
                    }
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(1000, ok.get());
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> limiter(0, 10));
        assertThrows(IllegalArgumentException.class, () -> limiter(10, 0));
        assertThrows(IllegalArgumentException.class, () -> limiter(10, 10).tryAcquire("t", 0));
    }
}
