package dev.hubsso.gateway.session;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reads {@code gateway.sessions}, the server-side session registry. */
@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<Session, UUID> {

    private static final Sort NEWEST_FIRST = Sort.descending("createdAt").and("id", Sort.Direction.Descending);

    /** The session with this id, or null. */
    @WithSession
    public Uni<Session> byId(UUID id) {
        return findById(id);
    }

    /** A user's sessions that are neither revoked nor expired at {@code now}, newest first. */
    @WithSession
    public Uni<List<Session>> liveOfUser(String userId, Instant now) {
        return find("userId = ?1 and revokedAt is null and expiresAt > ?2", NEWEST_FIRST, userId, now).list();
    }

    /** Unrevoked sessions of a user (inside the caller's transaction, to revoke them). */
    public Uni<List<Session>> unrevokedOfUser(String userId) {
        return list("userId = ?1 and revokedAt is null", userId);
    }

    /** Unrevoked sessions of an org that the IdP's session {@code sid} established. */
    public Uni<List<Session>> unrevokedByIdpSid(String orgId, String sid) {
        return list("orgId = ?1 and idpSid = ?2 and revokedAt is null", orgId, sid);
    }

    /** Unrevoked sessions of an org held by the IdP subject {@code sub}. */
    public Uni<List<Session>> unrevokedByIdpSubject(String orgId, String sub) {
        return list("orgId = ?1 and idpSubject = ?2 and revokedAt is null", orgId, sub);
    }

    /** Whose sessions an admin lists. */
    public enum Owner {
        USER("userId"), ORG("orgId");

        private final String field;

        Owner(String field) {
            this.field = field;
        }
    }

    /** One page of the sessions (any state) of a user or an org, newest first. */
    @WithSession
    public Uni<List<Session>> page(Owner owner, String id, int page, int size) {
        return find(owner.field + " = ?1", NEWEST_FIRST, id).page(Page.of(page, size)).list();
    }

    /** Number of sessions (any state) of a user or an org. */
    @WithSession
    public Uni<Long> count(Owner owner, String id) {
        return count(owner.field + " = ?1", id);
    }
}
