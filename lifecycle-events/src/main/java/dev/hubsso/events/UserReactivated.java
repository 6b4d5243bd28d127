package dev.hubsso.events;

import java.time.Instant;

/**
 * A deactivated managed account was reactivated. Credentials revoked at deactivation stay
 * revoked: the user logs in again.
 *
 * @param eventId unique event id
 * @param occurredAt when it was reactivated
 * @param userId hub account id
 * @param orgId managing organization
 * @param username hub username
 * @param userVersion account version
 */
public record UserReactivated(
        String eventId,
        Instant occurredAt,
        String userId,
        String orgId,
        String username,
        long userVersion) implements UserLifecycleEvent {
}
