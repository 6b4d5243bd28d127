package dev.hubsso.scim.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Token buckets by key, lock-free: each bucket is one {@code AtomicLong} holding the instant at
 * which it will be full again (the "theoretical arrival time" of GCRA), so taking tokens is a
 * read and a compare-and-set, never a lock. A bucket holds at most {@code burst} tokens and
 * refills at {@code perSecond}.
 *
 * <p>A request of cost {@code n} is admitted when the bucket holds {@code min(n, burst)} tokens;
 * it then takes all {@code n}, so a request costlier than the burst (a large Bulk) runs once the
 * bucket is full and leaves it in debt: the average rate holds whatever the request sizes.
 *
 * <p>A full bucket is indistinguishable from an absent one, so idle buckets are dropped (at most
 * once per {@link #SWEEP_INTERVAL_NANOS}, by the request that notices) and memory stays bounded
 * by the keys active in the last refill period. A request racing with the removal of its own,
 * full, bucket may have its cost forgotten: at most one request's worth, once.
 *
 * <p>Framework-free; the clock is injectable for tests.
 */
public final class TokenBucketLimiter {

    /** How often idle buckets are dropped. */
    public static final long SWEEP_INTERVAL_NANOS = 60_000_000_000L;

    /**
     * The outcome of {@link #tryAcquire}.
     *
     * @param allowed whether the request may proceed
     * @param retryAfterNanos when refused, how long until it would be admitted
     */
    public record Decision(boolean allowed, long retryAfterNanos) {

        static final Decision ALLOWED = new Decision(true, 0);

        /** {@code Retry-After} in whole seconds, rounded up, at least 1. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfterNanos + 999_999_999L) / 1_000_000_000L);
        }
    }

    private final long interval;
    private final long burst;
    private final long capacity;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, AtomicLong> buckets = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep;

    /**
     * @param perSecond tokens added per second (at least 1)
     * @param burst most tokens a bucket holds (at least 1)
     * @param nanoClock a monotonic clock in nanoseconds, e.g. {@code System::nanoTime}
     */
    public TokenBucketLimiter(int perSecond, int burst, LongSupplier nanoClock) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be at least 1");
        }
        this.interval = Math.max(1, 1_000_000_000L / perSecond);
        this.burst = burst;
        this.capacity = burst * interval;
        this.nanoClock = nanoClock;
        this.nextSweep = new AtomicLong(nanoClock.getAsLong() + SWEEP_INTERVAL_NANOS);
    }

    /** Takes {@code cost} tokens from the bucket of {@code key} if it may; never blocks. */
    public Decision tryAcquire(String key, int cost) {
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be at least 1");
        }
        long now = nanoClock.getAsLong();
        sweepIfDue(now);
        AtomicLong full = buckets.get(key);
        if (full == null) {
            full = buckets.computeIfAbsent(key, k -> new AtomicLong(now));
        }
        long need = Math.min(cost, burst) * interval;
        long charge = cost * interval;
        while (true) {
            long t = full.get();
            long base = t - now > 0 ? t : now;
            long wait = base - now + need - capacity;
            if (wait > 0) {
                return new Decision(false, wait);
            }
            if (full.compareAndSet(t, base + charge)) {
                return Decision.ALLOWED;
            }
        }
    }

    /** Number of buckets held (for tests and metrics). */
    public int size() {
        return buckets.size();
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due >= 0 && nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_NANOS)) {
            buckets.values().removeIf(full -> full.get() - now <= 0);
        }
    }
}
