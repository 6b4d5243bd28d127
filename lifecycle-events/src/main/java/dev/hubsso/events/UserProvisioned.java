package dev.hubsso.events;

import java.time.Instant;

/**
 * A managed account was created, over SCIM or just in time at first login.
 *
 * @param eventId unique event id
 * @param occurredAt when it was created
 * @param userId hub account id
 * @param orgId managing organization
 * @param username hub username
 * @param userVersion account version
 * @param email the account's email, if known
 * @param displayName the account's display name, if known
 * @param source {@code scim} or {@code jit}
 * @param externalId the IdP's id for the user, if known
 */
public record UserProvisioned(
        String eventId,
        Instant occurredAt,
        String userId,
        String orgId,
        String username,
        long userVersion,
        String email,
        String displayName,
        String source,
        String externalId) implements UserLifecycleEvent {
}
