package dev.hubsso.events;

import java.time.Instant;

/**
 * A managed account was permanently deleted; the hub purges its content.
 *
 * @param eventId unique event id
 * @param occurredAt when it was deleted
 * @param userId hub account id
 * @param orgId managing organization
 * @param username hub username (free again only after the purge)
 * @param userVersion account version
 */
public record UserDeleted(
        String eventId,
        Instant occurredAt,
        String userId,
        String orgId,
        String username,
        long userVersion) implements UserLifecycleEvent {
}
