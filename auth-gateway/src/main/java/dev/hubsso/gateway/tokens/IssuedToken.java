package dev.hubsso.gateway.tokens;

import java.time.Instant;

/**
 * An issued API token, returned once: the gateway keeps only its hash.
 *
 * @param id token id (to revoke it)
 * @param token the secret, {@code hub_...}; shown only in this response
 * @param userId hub account id it acts for
 * @param username hub username it acts for
 * @param scope {@code read} or {@code write}
 * @param createdAt when it was issued
 * @param expiresAt when it stops working, or null
 */
public record IssuedToken(String id, String token, String userId, String username, String scope, Instant createdAt,
        Instant expiresAt) {
}
