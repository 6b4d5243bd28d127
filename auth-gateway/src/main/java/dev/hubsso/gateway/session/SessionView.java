package dev.hubsso.gateway.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A session as the session APIs show it. Never carries the cookie or anything that would let a
 * reader use the session.
 *
 * @param id session id
 * @param userId hub account id
 * @param orgId organization whose IdP established it
 * @param authMethod {@code sso:<org name>}
 * @param authTime when the user authenticated at the IdP
 * @param createdAt when the gateway issued it
 * @param expiresAt when it ends
 * @param lastSeenIp client address when last seen, if recorded
 * @param userAgent client's user agent, if recorded
 * @param revokedAt when it was revoked (admin view), or absent
 * @param revokedReason why (admin view), or absent
 * @param current true for the session of the request's own cookie (user view only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionView(String id, String userId, String orgId, String authMethod, Instant authTime,
        Instant createdAt, Instant expiresAt, String lastSeenIp, String userAgent, Instant revokedAt,
        String revokedReason, Boolean current) {

    /** The admin view of a row. */
    public static SessionView admin(Session s) {
        return new SessionView(s.id.toString(), s.userId, s.orgId, s.authMethod, s.authTime, s.createdAt, s.expiresAt,
                s.lastSeenIp, s.userAgent, s.revokedAt, s.revokedReason, null);
    }

    /** The user's view of one of their live sessions. */
    public static SessionView own(Session s, String currentSessionId) {
        return new SessionView(s.id.toString(), s.userId, s.orgId, s.authMethod, s.authTime, s.createdAt, s.expiresAt,
                s.lastSeenIp, s.userAgent, null, null, s.id.toString().equals(currentSessionId));
    }
}
