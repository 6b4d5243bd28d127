package dev.hubsso.events;

import java.time.Instant;

/**
 * A managed account was deactivated (reversibly): every session and token issued before
 * {@code revokedBefore} is dead, and every action is denied until it is reactivated.
 *
 * @param eventId unique event id
 * @param occurredAt when it was deactivated
 * @param userId hub account id
 * @param orgId managing organization
 * @param username hub username
 * @param userVersion account version
 * @param revokedBefore credentials issued before this instant are revoked
 * @param reason why, e.g. {@code scim:active=false}
 */
public record UserDeactivated(
        String eventId,
        Instant occurredAt,
        String userId,
        String orgId,
        String username,
        long userVersion,
        Instant revokedBefore,
        String reason) implements UserLifecycleEvent {
}
