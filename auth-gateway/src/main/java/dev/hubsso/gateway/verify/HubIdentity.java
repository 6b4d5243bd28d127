package dev.hubsso.gateway.verify;

import java.time.Instant;

/**
 * An account authenticated by a hub credential (the hub's own, non-SSO authentication), as a
 * {@link HubCredentialVerifier} established it.
 *
 * @param userId hub account id
 * @param username hub username, if the credential says
 * @param issuedAt when the credential was issued (compared with the account's {@code revokedBefore})
 * @param expiresAt when it stops working
 */
public record HubIdentity(String userId, String username, Instant issuedAt, Instant expiresAt) {
}
