package dev.hubsso.gateway.tokens;

import java.time.Instant;

/**
 * One of the caller's tokens, without its secret.
 *
 * @param id token id
 * @param name its label, or null
 * @param scope {@code read} or {@code write}
 * @param createdAt when it was created
 * @param expiresAt when it stops working, or null
 * @param authMethod the SSO authorization it is bound to ({@code sso:<org>}), or null for an admin-issued token
 */
public record TokenView(String id, String name, String scope, Instant createdAt, Instant expiresAt, String authMethod) {

    static TokenView of(ApiToken t) {
        return new TokenView(t.id.toString(), t.name, t.scope, t.createdAt, t.expiresAt, t.authMethod);
    }
}
