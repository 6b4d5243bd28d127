package dev.hubsso.scim.support;

import dev.hubsso.events.UserState;
import dev.hubsso.events.UserState.UserStatus;
import dev.hubsso.testsupport.EventPublisher;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Hub accounts the way provisioning-service announces them: {@link UserState} snapshots on the
 * compacted {@code hub.user-state.v1} of the real broker.
 */
public final class HubAccounts {


    private HubAccounts() {
    }

    /** An account created just in time at a login: no SCIM user has claimed it. */
    public static UserState jit(String orgId, String username, String externalId, String email) {
        return new UserState(UUID.randomUUID().toString(), orgId, username, true, UserStatus.ACTIVE, "read", Map.of(),
                email, null, 1, Instant.now(), null, externalId);
    }

    /** An account provisioned for (or taken over by) SCIM user {@code scimUserId}. */
    public static UserState linked(String orgId, String username, String scimUserId, UserStatus status, long version) {
        return new UserState(UUID.randomUUID().toString(), orgId, username, true, status, "read", Map.of(), null, null,
                version, Instant.now(), scimUserId, null);
    }

    /** Publishes a snapshot (key userId, ce_type header) and waits for the broker's acknowledgement. */
    public static void publish(UserState state) {
        EventPublisher.publish(state);
    }
}
