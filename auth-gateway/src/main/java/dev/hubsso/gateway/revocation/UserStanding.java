package dev.hubsso.gateway.revocation;

import dev.hubsso.events.UserState.UserStatus;
import java.time.Instant;

/**
 * What this replica knows about one hub account: enough to accept or refuse its credentials.
 *
 * @param userId hub account id
 * @param orgId managing organization, or null for an unmanaged account
 * @param username hub username
 * @param managed true for an account owned by an organization's IdP
 * @param status active, deactivated or deleted
 * @param revokedBefore credentials issued before this instant are refused (null: none)
 * @param userVersion the account version this standing reflects
 */
public record UserStanding(
        String userId,
        String orgId,
        String username,
        boolean managed,
        UserStatus status,
        Instant revokedBefore,
        long userVersion) {

    /** True if the account may act at all. */
    public boolean isActive() {
        return status == UserStatus.ACTIVE;
    }

    /**
     * True if a credential (API token, later a session) issued at {@code issuedAt} is still
     * acceptable: the account is active and the credential is not older than the last revocation.
     * A credential issued exactly at {@code revokedBefore} survives; one a microsecond older does not.
     */
    public boolean acceptsCredentialIssuedAt(Instant issuedAt) {
        return isActive() && (revokedBefore == null || !issuedAt.isBefore(revokedBefore));
    }
}
