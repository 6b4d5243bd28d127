package dev.hubsso.events;

import java.time.Instant;
import java.util.List;

/**
 * A SCIM Group was created, changed or deleted.
 *
 * @param eventId unique event id
 * @param occurredAt when the SCIM request committed
 * @param orgId organization id
 * @param scimGroupId the SCIM resource id (also the record key)
 * @param change created, updated or deleted
 * @param version the resource version after the change
 * @param displayName the group's displayName
 * @param externalId the IdP's id for the group, if sent
 * @param memberIds SCIM user ids of the members after the change
 * @param actor who made the change
 */
public record ScimGroupChanged(
        String eventId,
        Instant occurredAt,
        String orgId,
        String scimGroupId,
        Change change,
        long version,
        String displayName,
        String externalId,
        List<String> memberIds,
        String actor) implements ScimChange {

    public ScimGroupChanged {
        memberIds = memberIds == null ? List.of() : List.copyOf(memberIds);
    }

    @Override
    public String key() {
        return scimGroupId;
    }
}
