package dev.hubsso.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Map;

/**
 * Latest snapshot of a hub account, on the compacted {@link Topics#USER_STATE}. A deleted
 * account keeps a snapshot with status {@code DELETED} (not a tombstone), so that a replica
 * starting from the compacted topic still knows to refuse it.
 *
 * @param userId hub account id (record key)
 * @param orgId managing organization, or null for an unmanaged account
 * @param username hub username
 * @param managed true for an account owned by an organization's IdP
 * @param status active, deactivated or deleted
 * @param orgRole role in the managing organization
 * @param resourceGroupRoles resource group id to role
 * @param email email, if known
 * @param revokedBefore sessions and tokens issued before this instant are refused (null: none)
 * @param userVersion account version; a consumer keeps the highest it has seen
 * @param occurredAt when this snapshot was taken
 * @param scimUserId the SCIM user (of the org's SCIM store) the account is linked to; null for an
 *     account no SCIM user has claimed yet (created just in time at a login) or an unmanaged one.
 *     Lets scim-service tell whether a new SCIM user would take the account over (ADR 0006)
 * @param externalId the IdP's id for the person, if known (the first thing a SCIM user is matched by)
 */
public record UserState(
        String userId,
        String orgId,
        String username,
        boolean managed,
        UserStatus status,
        String orgRole,
        Map<String, String> resourceGroupRoles,
        String email,
        Instant revokedBefore,
        long userVersion,
        Instant occurredAt,
        String scimUserId,
        String externalId) implements HubEvent {

    public UserState {
        resourceGroupRoles = resourceGroupRoles == null ? Map.of() : Map.copyOf(resourceGroupRoles);
    }

    /** A snapshot without the SCIM link and externalId (both null), as before they existed. */
    public UserState(String userId, String orgId, String username, boolean managed, UserStatus status, String orgRole,
            Map<String, String> resourceGroupRoles, String email, Instant revokedBefore, long userVersion,
            Instant occurredAt) {
        this(userId, orgId, username, managed, status, orgRole, resourceGroupRoles, email, revokedBefore, userVersion,
                occurredAt, null, null);
    }

    @Override
    public String ceId() {
        return userId + "@" + userVersion;
    }

    @Override
    public String key() {
        return userId;
    }

    /** True if the account may act at all. */
    @JsonIgnore
    public boolean isActive() {
        return status == UserStatus.ACTIVE;
    }

    /** Account status. */
    public enum UserStatus {
        ACTIVE, DEACTIVATED, DELETED
    }
}
