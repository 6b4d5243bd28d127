package dev.hubsso.provisioning.jit;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The account a login belongs to.
 *
 * @param userId hub user id
 * @param username hub username
 * @param orgRole role in the organization after this login's role mapping
 * @param resourceGroupRoles resource group id to role
 * @param managed true: the organization's IdP owns the account
 * @param created true when this login created the account
 * @param linkedBy how the login found the account: {@code idp}, {@code externalId}, {@code email}, or {@code created}
 */
@Schema(name = "JitResponse")
public record JitResponse(String userId, String username, String orgRole, Map<String, String> resourceGroupRoles,
        boolean managed, boolean created, String linkedBy) {
}
