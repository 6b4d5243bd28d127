package dev.hubsso.provisioning.accounts;

import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A hub account as the admin API shows it.
 *
 * @param id hub user id
 * @param orgId managing organization
 * @param scimUserId the user's id in the org's SCIM store
 * @param username hub username
 * @param email email, if known
 * @param displayName display name, if known
 * @param externalId the IdP's id for the user, if known
 * @param status {@code ACTIVE}, {@code DEACTIVATED} or {@code DELETED}
 * @param orgRole role in the organization
 * @param resourceGroupRoles resource group id to role
 * @param source {@code scim} or {@code jit}: how the account was created
 * @param idpIssuer issuer of the IdP login linked to the account, or null
 * @param idpSubject subject of that login, or null
 * @param revokedBefore credentials issued before this instant are refused, or null
 * @param userVersion account version (the {@code userVersion} of its latest events)
 * @param created creation time
 * @param updated time of the latest change
 */
@Schema(name = "Account")
public record AccountView(
        String id,
        String orgId,
        String scimUserId,
        String username,
        String email,
        String displayName,
        String externalId,
        @Schema(enumeration = { "ACTIVE", "DEACTIVATED", "DELETED" }) String status,
        String orgRole,
        Map<String, String> resourceGroupRoles,
        String source,
        String idpIssuer,
        String idpSubject,
        Instant revokedBefore,
        long userVersion,
        Instant created,
        Instant updated) {

    static AccountView of(Account a) {
        return new AccountView(a.id.toString(), a.orgId.toString(), a.scimUserId, a.username, a.email, a.displayName,
                a.externalId, a.status.name(), a.orgRole, a.resourceGroupRoles, a.source, a.idpIssuer, a.idpSubject, a.revokedBefore, a.userVersion, a.created, a.updated);
    }
}
