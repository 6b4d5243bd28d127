package dev.hubsso.gateway.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hubsso.gateway.config.GatewayConfig;
import dev.hubsso.gateway.revocation.RevocationIndex;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.UUID;

/**
 * The session registry ({@code gateway.sessions}) as the verify path reads it: one lookup per
 * session id, answered from a bounded per-replica cache after the first read.
 *
 * <p>Why both the table and the {@link RevocationIndex}: the index follows
 * {@code auth.session-revocations.v1} only from its end, so a replica started after a revocation
 * went by has not seen it; the row's {@code revoked_at} is the source of truth for those. A
 * revocation that happens while the replica runs reaches it through the index (on every replica,
 * whichever replica revoked): {@link #find} consults the index on every call and marks the cached
 * record revoked, so a cached row is never trusted past its revocation. Revocations made on this
 * replica also update the cache directly ({@link #markRevoked}).
 *
 * <p>A failed database read fails the {@link Uni}: callers must refuse (fail closed).
 */
@ApplicationScoped
public class SessionRegistry {

    private final SessionRepository repository;
    private final RevocationIndex index;
    private final Cache<String, SessionRecord> known;
    private final Cache<String, Boolean> unknown;

    public SessionRegistry(SessionRepository repository, RevocationIndex index, GatewayConfig config) {
        this.repository = repository;
        this.index = index;
        GatewayConfig.SessionRegistry c = config.sessionRegistry();
        this.known = Caffeine.newBuilder().maximumSize(c.cacheSize()).expireAfterWrite(c.cacheTtl()).build();
        this.unknown = Caffeine.newBuilder().maximumSize(Math.max(1000, c.cacheSize() / 10))
                .expireAfterWrite(c.negativeCacheTtl()).build();
    }

    /**
     * The session with this id, or null if there is none (or the id is not a session id). The
     * record says whether it is {@link SessionRecord#revoked() revoked}; use
     * {@link SessionRecord#aliveAt} to decide. Must be called on a Vert.x context (a request).
     */
    public Uni<SessionRecord> find(String sessionId) {
        UUID id = parse(sessionId);
        if (id == null) {
            return Uni.createFrom().nullItem();
        }
        String key = id.toString();
        SessionRecord cached = known.getIfPresent(key);
        if (cached != null) {
            return Uni.createFrom().item(current(cached));
        }
        if (unknown.getIfPresent(key) != null) {
            return Uni.createFrom().nullItem();
        }
        return repository.byId(id).map(row -> {
            if (row == null) {
                unknown.put(key, Boolean.TRUE);
                return null;
            }
            SessionRecord r = SessionRecord.of(row);
            known.put(key, r);
            return current(r);
        });
    }

    /** Marks sessions revoked in this replica's cache (after a revocation committed here). */
    public void markRevoked(Collection<SessionRecord> revoked) {
        for (SessionRecord r : revoked) {
            known.put(r.id(), r.markedRevoked());
        }
    }

    /** Forgets a session, so that the next lookup reads its row. */
    public void invalidate(String sessionId) {
        known.invalidate(sessionId);
        unknown.invalidate(sessionId);
    }

    private SessionRecord current(SessionRecord r) {
        if (!r.revoked() && index.isSessionRevoked(r.userId(), r.id(), r.createdAt())) {
            SessionRecord marked = r.markedRevoked();
            known.put(r.id(), marked);
            return marked;
        }
        return r;
    }

    static UUID parse(String id) {
        if (id == null || id.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
