package dev.hubsso.gateway.session;

import java.time.Instant;

/**
 * What the session registry knows about one session: its row, and whether it is revoked (by its
 * {@code revoked_at}, or by a revocation this replica's index has seen since).
 *
 * @param id session id (the cookie's {@code sessionId})
 * @param userId hub account id
 * @param orgId organization whose IdP established the session
 * @param authMethod {@code sso:<org name>}
 * @param idpSubject the IdP's {@code sub}
 * @param idpSid the IdP's session id, or null
 * @param authTime when the user authenticated at the IdP
 * @param createdAt when the gateway issued the session
 * @param expiresAt when it ends
 * @param revokedAt when it was revoked in the registry, or null (also null when only the index
 *        has seen the revocation yet: see {@link #revoked()})
 * @param revokedReason why, e.g. {@code logout}, or null
 * @param revoked true if the session is revoked, whichever way this replica learnt it
 */
public record SessionRecord(String id, String userId, String orgId, String authMethod, String idpSubject,
        String idpSid, Instant authTime, Instant createdAt, Instant expiresAt, Instant revokedAt, String revokedReason,
        boolean revoked) {

    /** The record of a registry row. */
    public static SessionRecord of(Session s) {
        return new SessionRecord(s.id.toString(), s.userId, s.orgId, s.authMethod, s.idpSubject, s.idpSid, s.authTime,
                s.createdAt, s.expiresAt, s.revokedAt, s.revokedReason, s.revokedAt != null);
    }

    /** True if the session may still be used at {@code now}: not revoked, not expired. */
    public boolean aliveAt(Instant now) {
        return !revoked && now.isBefore(expiresAt);
    }

    /** The same record, marked revoked. */
    public SessionRecord markedRevoked() {
        return revoked ? this : new SessionRecord(id, userId, orgId, authMethod, idpSubject, idpSid, authTime, createdAt,
                expiresAt, revokedAt, revokedReason, true);
    }
}
