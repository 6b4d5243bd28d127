package dev.hubsso.gateway.tokens;

/**
 * Body of {@code POST /api/tokens}.
 *
 * @param name a label (at most 100 characters), optional
 * @param scope {@code read} (default) or {@code write}
 * @param expiresInSeconds lifetime in seconds; absent: the token does not expire
 */
public record UserTokenRequest(String name, String scope, Long expiresInSeconds) {
}
