package dev.hubsso.gateway.session;

import dev.hubsso.events.SessionRevoked;
import dev.hubsso.gateway.revocation.RevocationIndex;
import dev.hubsso.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Revokes sessions: sets {@code revoked_at}/{@code revoked_reason} in the registry and, in the same
 * transaction, appends a {@link SessionRevoked} to the outbox, so that every replica's
 * {@link RevocationIndex} refuses the session once the relay has published it. After the commit,
 * this replica applies the events to its own index and cache at once.
 *
 * <p>One event per session ({@code sessionId} set), except {@link #revokeAllOfUser}, which writes
 * one event with neither {@code sessionId} nor {@code tokenId}: "every session of this user issued
 * before now". Revoking what is already revoked is a successful no-op (no row changes, no event).
 *
 * <p>The public methods own their transaction; {@link #revokeInTransaction} joins the caller's
 * (back-channel logout records the token's {@code jti} in the same one).
 */
@ApplicationScoped
public class SessionRevocations {

    /** Reasons recorded in {@code revoked_reason} and in the event. */
    public static final String LOGOUT = "logout";
    public static final String BACKCHANNEL_LOGOUT = "backchannel-logout";
    public static final String USER = "user";
    public static final String ADMIN = "admin";

    private final SessionRepository repository;
    private final Outbox outbox;
    private final RevocationIndex index;
    private final SessionRegistry registry;

    public SessionRevocations(SessionRepository repository, Outbox outbox, RevocationIndex index,
            SessionRegistry registry) {
        this.repository = repository;
        this.outbox = outbox;
        this.index = index;
        this.registry = registry;
    }

    /**
     * What a revocation changed.
     *
     * @param sessions the sessions it revoked now (already revoked ones are not listed)
     * @param events the events it wrote to the outbox
     */
    public record Outcome(List<SessionRecord> sessions, List<SessionRevoked> events) {

        static final Outcome NOTHING = new Outcome(List.of(), List.of());

        /** Number of sessions revoked. */
        public int count() {
            return sessions.size();
        }
    }

    /** Which sessions to revoke. */
    public sealed interface Selector {
    }

    /** All sessions of one user (one user-wide event). */
    public record AllOfUser(String userId) implements Selector {
    }

    /** The org's sessions established by the IdP session {@code sid}. */
    public record ByIdpSid(String orgId, String sid) implements Selector {
    }

    /** The org's sessions of the IdP subject {@code sub}. */
    public record ByIdpSubject(String orgId, String sub) implements Selector {
    }

    /**
     * Revokes one session. Null if there is no such session (or, with {@code ownerId}, it is not
     * that user's); otherwise its record, revoked (by this call, or before it).
     *
     * @param ownerId if not null, the session is revoked only if it belongs to this user
     */
    public Uni<SessionRecord> revokeSession(UUID sessionId, String ownerId, String reason) {
        Revoked[] result = new Revoked[1];
        return transactionally(() -> repository.findById(sessionId).chain(row -> {
            if (row == null || (ownerId != null && !ownerId.equals(row.userId))) {
                return Uni.createFrom().item(Outcome.NOTHING);
            }
            if (row.revokedAt != null) {
                result[0] = new Revoked(SessionRecord.of(row));
                return Uni.createFrom().item(Outcome.NOTHING);
            }
            Outcome o = revokeRows(List.of(row), reason, false);
            result[0] = new Revoked(o.sessions().get(0));
            return outbox.appendAll(o.events()).replaceWith(o);
        })).map(o -> result[0] == null ? null : result[0].record());
    }

    /** Revokes every session of a user; the outcome lists the ones that were still unrevoked. */
    public Uni<Outcome> revokeAllOfUser(String userId, String reason) {
        return transactionally(() -> revokeInTransaction(new AllOfUser(userId), reason));
    }

    /** Revokes the org's sessions that the IdP session {@code sid} established. */
    public Uni<Outcome> revokeByIdpSid(String orgId, String sid, String reason) {
        return transactionally(() -> revokeInTransaction(new ByIdpSid(orgId, sid), reason));
    }

    /** Revokes all the org's sessions of the IdP subject {@code sub}. */
    public Uni<Outcome> revokeByIdpSubject(String orgId, String sub, String reason) {
        return transactionally(() -> revokeInTransaction(new ByIdpSubject(orgId, sub), reason));
    }

    /**
     * Revokes the selected sessions inside the caller's transaction. The caller must hand the
     * outcome to {@link #applyLocally} after the commit.
     */
    public Uni<Outcome> revokeInTransaction(Selector selector, String reason) {
        Uni<List<Session>> rows;
        if (selector instanceof AllOfUser u) {
            rows = repository.unrevokedOfUser(u.userId());
        } else if (selector instanceof ByIdpSid s) {
            rows = repository.unrevokedByIdpSid(s.orgId(), s.sid());
        } else if (selector instanceof ByIdpSubject s) {
            rows = repository.unrevokedByIdpSubject(s.orgId(), s.sub());
        } else {
            throw new IllegalArgumentException("unknown selector " + selector);
        }
        boolean userWide = selector instanceof AllOfUser;
        return rows.chain(list -> {
            if (list.isEmpty()) {
                return Uni.createFrom().item(Outcome.NOTHING);
            }
            Outcome o = revokeRows(list, reason, userWide);
            return outbox.appendAll(o.events()).replaceWith(o);
        });
    }

    /**
     * Makes committed revocations effective on this replica at once, without waiting for the
     * events to come back from Kafka: the index applies them (idempotently, as it will again when
     * they arrive) and the registry cache marks the sessions.
     */
    public void applyLocally(Outcome outcome) {
        outcome.events().forEach(index::apply);
        registry.markRevoked(outcome.sessions());
    }

    private Uni<Outcome> transactionally(Supplier<Uni<Outcome>> work) {
        return Panache.withTransaction(work).invoke(this::applyLocally);
    }

    /** Marks rows revoked (flushed at commit) and builds their events. */
    private static Outcome revokeRows(List<Session> rows, String reason, boolean userWide) {
        // PostgreSQL keeps microseconds: the event and the row must say the same instant.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<SessionRecord> revoked = new ArrayList<>();
        List<SessionRevoked> events = new ArrayList<>();
        for (Session s : rows) {
            s.revokedAt = now;
            s.revokedReason = reason;
            revoked.add(SessionRecord.of(s));
            if (!userWide) {
                events.add(new SessionRevoked(UUID.randomUUID().toString(), now, s.userId, s.orgId, s.id.toString(),
                        null, reason));
            }
        }
        if (userWide) {
            Session any = rows.get(0);
            // Every session of the user issued before this instant: the revocation index keeps it
            // as the user's sessionsRevokedBefore.
            events.add(new SessionRevoked(UUID.randomUUID().toString(), now, any.userId, null, null, null, reason));
        }
        return new Outcome(List.copyOf(revoked), List.copyOf(events));
    }

    private record Revoked(SessionRecord record) {
    }
}
