package dev.hubsso.kit.fence;

import dev.hubsso.events.ManagedUsername;
import dev.hubsso.events.ScimChange.Change;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.events.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Refuses a managed account as soon as its IdP says so, one hop earlier than the account's own
 * lifecycle events: the services that must shut a user out (gateway, policy) also follow
 * {@link Topics#SCIM_CHANGES} from its end and feed every {@link ScimUserChanged} here.
 *
 * <p>The fence only ever tightens, and only for a while: it bridges the milliseconds between the
 * IdP's SCIM request and provisioning's {@code UserDeactivated}, which stays the authority. An
 * entry refuses the account while the IdP's latest SCIM record says {@code active=false} or
 * deleted, for at most {@code hold} after that record (by then provisioning has spoken); a newer
 * SCIM record saying {@code active=true} lifts it at once. Entries are kept per SCIM version, so
 * a redelivered older record does not override a newer one that is still held. Memory: only the
 * accounts deactivated within the last {@code hold}.
 *
 * <p>No framework imports; thread-safe (updates come from one follower thread, reads from any).
 */
public final class IdpDeactivationFence {

    /** Default time a refusal is held without provisioning's confirmation. */
    public static final Duration DEFAULT_HOLD = Duration.ofSeconds(30);

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long holdNanos;
    private final LongSupplier clock;
    private volatile long lastPurge;

    private record Entry(long scimVersion, boolean refused, long atNanos) {
    }

    public IdpDeactivationFence() {
        this(DEFAULT_HOLD, System::nanoTime);
    }

    /**
     * @param hold how long a refusal holds without a newer SCIM record
     * @param nanoClock monotonic clock in nanoseconds
     */
    public IdpDeactivationFence(Duration hold, LongSupplier nanoClock) {
        this.holdNanos = hold.toNanos();
        this.clock = nanoClock;
        this.lastPurge = nanoClock.getAsLong();
    }

    /** Applies one SCIM user change. */
    public void apply(ScimUserChanged change) {
        if (change.orgId() == null || change.user() == null || change.user().hubUsername() == null) {
            return;
        }
        long now = clock.getAsLong();
        boolean refused = change.change() == Change.DELETED || !change.user().active();
        entries.compute(key(change.orgId(), change.user().hubUsername()), (k, held) -> {
            if (held != null && held.scimVersion() >= change.version() && !expired(held, now)) {
                return held;
            }
            if (!refused && (held == null || expired(held, now))) {
                return null; // nothing to lift: remember nothing
            }
            return new Entry(change.version(), refused, now);
        });
        purgeExpired(now);
    }

    /** True if the IdP's latest word on this managed account, still held, is "deactivated" or "deleted". */
    public boolean refuses(String orgId, String username) {
        if (orgId == null || username == null || entries.isEmpty()) {
            return false;
        }
        Entry e = entries.get(key(orgId, username));
        return e != null && e.refused() && !expired(e, clock.getAsLong());
    }

    /** Entries currently held. */
    public int size() {
        return entries.size();
    }

    private boolean expired(Entry e, long now) {
        return now - e.atNanos() > holdNanos;
    }

    private void purgeExpired(long now) {
        if (now - lastPurge < holdNanos) {
            return;
        }
        lastPurge = now;
        entries.values().removeIf(e -> expired(e, now));
    }

    private static String key(String orgId, String username) {
        return orgId + '/' + ManagedUsername.canonical(username);
    }
}
