package dev.hubsso.gateway.verify;

import dev.hubsso.gateway.session.Session;
import java.time.Instant;

/**
 * What verification needs of a session registry row, immutable so that it can be cached.
 *
 * @param sessionId session id
 * @param userId account
 * @param orgId org whose IdP established it
 * @param authMethod {@code sso:<org name>}
 * @param authTime when the user authenticated at the IdP
 * @param expiresAt when it ends
 * @param revokedAt when it was revoked, or null
 */
public record SessionRow(String sessionId, String userId, String orgId, String authMethod, Instant authTime,
        Instant expiresAt, Instant revokedAt) {

    /** The row of an entity. */
    public static SessionRow of(Session s) {
        return new SessionRow(s.id.toString(), s.userId, s.orgId, s.authMethod, s.authTime, s.expiresAt, s.revokedAt);
    }
}
