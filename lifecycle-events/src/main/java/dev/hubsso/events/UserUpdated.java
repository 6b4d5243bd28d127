package dev.hubsso.events;

import java.time.Instant;
import java.util.List;

/**
 * Profile attributes of a managed account changed.
 *
 * @param eventId unique event id
 * @param occurredAt when it changed
 * @param userId hub account id
 * @param orgId managing organization
 * @param username hub username
 * @param userVersion account version
 * @param email the account's email after the change
 * @param displayName the display name after the change
 * @param changedAttributes which profile attributes changed
 */
public record UserUpdated(
        String eventId,
        Instant occurredAt,
        String userId,
        String orgId,
        String username,
        long userVersion,
        String email,
        String displayName,
        List<String> changedAttributes) implements UserLifecycleEvent {

    public UserUpdated {
        changedAttributes = changedAttributes == null ? List.of() : List.copyOf(changedAttributes);
    }
}
