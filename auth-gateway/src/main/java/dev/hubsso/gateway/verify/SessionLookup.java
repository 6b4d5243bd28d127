package dev.hubsso.gateway.verify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hubsso.gateway.config.GatewayConfig;
import dev.hubsso.gateway.session.Session;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Session registry rows for verification, memory first: a bounded Caffeine cache by session id
 * with a short time-to-live, so a known session costs no database read. Absent rows are not
 * cached: only this gateway can seal a cookie, so a cookie whose row is missing is rare (the row
 * was purged, or the login that sealed it has not committed yet on another replica's view).
 *
 * <p>A cached row can be stale only about its own revocation, and revocations reach verification
 * through {@link dev.hubsso.gateway.revocation.RevocationIndex#isSessionRevoked} (checked on every
 * request, from {@code auth.session-revocations.v1}); the TTL bounds how long a {@code revoked_at}
 * written without an event could go unseen. A replica that revokes a session itself calls
 * {@link #forget}.
 */
@ApplicationScoped
public class SessionLookup {

    private final Cache<String, SessionRow> rows;

    public SessionLookup(GatewayConfig config) {
        this.rows = Caffeine.newBuilder()
                .maximumSize(config.verify().sessionCacheSize())
                .expireAfterWrite(config.verify().sessionCacheTtl())
                .build();
    }

    /** The cached row, or null when this replica has not read it recently. */
    public SessionRow cached(String sessionId) {
        return rows.getIfPresent(sessionId);
    }

    /** The row for a session id (empty if none), from memory or one database read. Fails if the database cannot be read. */
    public Uni<Optional<SessionRow>> find(String sessionId) {
        SessionRow hit = rows.getIfPresent(sessionId);
        if (hit != null) {
            return Uni.createFrom().item(Optional.of(hit));
        }
        UUID id;
        try {
            id = UUID.fromString(sessionId);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Panache.withSession(() -> Session.<Session>findById(id))
                .map(found -> {
                    Optional<SessionRow> row = Optional.ofNullable(found).map(SessionRow::of);
                    row.ifPresent(r -> rows.put(sessionId, r));
                    return row;
                });
    }

    /** Drops a row from memory (after it was revoked here, for instance). */
    public void forget(String sessionId) {
        rows.invalidate(sessionId);
    }
}
