package dev.hubsso.gateway.revocation;

import dev.hubsso.events.UserState.UserStatus;
import java.time.Instant;
import java.util.Map;

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
 * @param orgRole role in {@code orgId} ({@code read}, {@code contributor}, {@code write}, {@code admin}), or null
 * @param resourceGroupRoles resource group id to role (never null)
 */
public record UserStanding(
        String userId,
        String orgId,
        String username,
        boolean managed,
        UserStatus status,
        Instant revokedBefore,
        long userVersion,
        String orgRole,
        Map<String, String> resourceGroupRoles) {

    public UserStanding {
        resourceGroupRoles = resourceGroupRoles == null ? Map.of() : Map.copyOf(resourceGroupRoles);
    }

    /** A standing without roles. */
    public UserStanding(String userId, String orgId, String username, boolean managed, UserStatus status,
            Instant revokedBefore, long userVersion) {
        this(userId, orgId, username, managed, status, revokedBefore, userVersion, null, Map.of());
    }

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
