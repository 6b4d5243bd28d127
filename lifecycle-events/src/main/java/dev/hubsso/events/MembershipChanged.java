package dev.hubsso.events;

import java.time.Instant;
import java.util.Map;

/**
 * A managed account's role in its organization or in resource groups changed.
 *
 * @param eventId unique event id
 * @param occurredAt when it changed
 * @param userId hub account id
 * @param orgId managing organization
 * @param username hub username
 * @param userVersion account version
 * @param orgRole {@code read}, {@code contributor}, {@code write} or {@code admin}
 * @param resourceGroupRoles resource group id to role
 * @param suspended true while the account is deactivated
 */
public record MembershipChanged(
        String eventId,
        Instant occurredAt,
        String userId,
        String orgId,
        String username,
        long userVersion,
        String orgRole,
        Map<String, String> resourceGroupRoles,
        boolean suspended) implements UserLifecycleEvent {

    public MembershipChanged {
        resourceGroupRoles = resourceGroupRoles == null ? Map.of() : Map.copyOf(resourceGroupRoles);
    }
}
