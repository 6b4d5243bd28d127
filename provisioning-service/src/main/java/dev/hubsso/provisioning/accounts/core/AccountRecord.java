package dev.hubsso.provisioning.accounts.core;

import dev.hubsso.events.UserState.UserStatus;
import java.time.Instant;
import java.util.Map;

/**
 * A hub account as the lifecycle rules see it.
 *
 * @param id hub user id
 * @param orgId managing organization
 * @param scimUserId the SCIM resource id of the user in the org's SCIM store (null for a JIT account SCIM never pushed)
 * @param username hub username
 * @param email email, if known
 * @param displayName display name, if known
 * @param externalId the IdP's id for the user, if known
 * @param status active, deactivated or deleted
 * @param orgRole role in the managing organization
 * @param resourceGroupRoles resource group id to role
 * @param revokedBefore credentials issued before this instant are dead (null: none)
 * @param userVersion incremented once per applied change; carried by every event of that change
 * @param lastScimVersion highest SCIM resource version applied
 */
public record AccountRecord(
        String id,
        String orgId,
        String scimUserId,
        String username,
        String email,
        String displayName,
        String externalId,
        UserStatus status,
        String orgRole,
        Map<String, String> resourceGroupRoles,
        Instant revokedBefore,
        long userVersion,
        long lastScimVersion) {

    public AccountRecord {
        resourceGroupRoles = resourceGroupRoles == null ? Map.of() : Map.copyOf(resourceGroupRoles);
    }
}
