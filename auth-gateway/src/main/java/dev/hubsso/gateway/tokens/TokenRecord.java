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
 */
public record TokenRecord(String id, String userId, Scope scope, Instant createdAt, Instant expiresAt, boolean revoked) {

    /** True if the token itself (regardless of its account) is usable at {@code now}. */
    public boolean usableAt(Instant now) {
        return !revoked && (expiresAt == null || now.isBefore(expiresAt));
    }
}
