package dev.hubsso.gateway.tokens;

import java.time.Instant;

/**
 * What verification needs to know about a stored token.
 *
 * @param id token id
 * @param userId the hub account it acts for
 * @param scope read or write
 * @param createdAt when it was issued (compared with the account's {@code revokedBefore})
 * @param expiresAt when it stops working, or null
 * @param revoked true if it was revoked when it was read
 * @param boundOrgId for a token created from an SSO session: the org whose IdP established it; null otherwise
 * @param boundAuthMethod for such a token: the session's {@code sso:<org name>}; null otherwise
 */
public record TokenRecord(String id, String userId, Scope scope, Instant createdAt, Instant expiresAt, boolean revoked,
        String boundOrgId, String boundAuthMethod) {

    /** A token not bound to an SSO authorization (issued by an admin). */
    public TokenRecord(String id, String userId, Scope scope, Instant createdAt, Instant expiresAt, boolean revoked) {
        this(id, userId, scope, createdAt, expiresAt, revoked, null, null);
    }

    /** True if the token itself (regardless of its account) is usable at {@code now}. */
    public boolean usableAt(Instant now) {
        return !revoked && (expiresAt == null || now.isBefore(expiresAt));
    }
}
