package dev.hubsso.gateway.tokens;

/**
 * Body of {@code POST /admin/tokens}. Give {@code username} or {@code userId} (both: they must
 * name the same account).
 *
 * @param username hub username of the account the token acts for
 * @param userId hub account id of the account the token acts for
 * @param scope {@code read} (default) or {@code write}
 * @param expiresInSeconds lifetime in seconds; absent: the token does not expire
 */
public record IssueTokenRequest(String username, String userId, String scope, Long expiresInSeconds) {
}
