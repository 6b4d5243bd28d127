package dev.hubsso.events;

import java.time.Instant;

/**
 * Sessions or API tokens were revoked (logout, back-channel logout, admin action), on
 * {@link Topics#SESSION_REVOCATIONS}; every gateway replica applies it.
 *
 * @param eventId unique event id
 * @param occurredAt when it was revoked
 * @param userId hub account id (record key)
 * @param orgId organization whose IdP or admin revoked, if any
 * @param sessionId the one session revoked, or null for all of the user's sessions
 * @param tokenId the one API token revoked, or null
 * @param reason why, e.g. {@code logout}, {@code backchannel-logout}, {@code admin}
 */
public record SessionRevoked(
        String eventId,
        Instant occurredAt,
        String userId,
        String orgId,
        String sessionId,
        String tokenId,
        String reason) implements HubEvent {

    @Override
    public String ceId() {
        return eventId;
    }

    @Override
    public String key() {
        return userId;
    }
}
