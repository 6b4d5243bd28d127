package dev.hubsso.events;

import java.time.Instant;
import java.util.List;

/**
 * A SCIM User was created, changed or deleted.
 *
 * @param eventId unique event id
 * @param occurredAt when the SCIM request committed
 * @param orgId organization id
 * @param scimUserId the SCIM resource id (also the record key)
 * @param change created, updated or deleted
 * @param version the resource version after the change
 * @param user the resource after the change (before it, for a deletion)
 * @param changedAttributes SCIM attribute paths that changed, e.g. {@code active}
 * @param actor who made the change, e.g. {@code scim-token:<id>}
 */
public record ScimUserChanged(
        String eventId,
        Instant occurredAt,
        String orgId,
        String scimUserId,
        Change change,
        long version,
        ScimUserSnapshot user,
        List<String> changedAttributes,
        String actor) implements ScimChange {

    public ScimUserChanged {
        changedAttributes = changedAttributes == null ? List.of() : List.copyOf(changedAttributes);
    }

    @Override
    public String key() {
        return scimUserId;
    }

    /**
     * The attributes of a SCIM User that the hub uses.
     *
     * @param userName the IdP's userName
     * @param externalId the IdP's id for the user (Entra objectId), if sent
     * @param givenName name.givenName
     * @param familyName name.familyName
     * @param displayName displayName
     * @param email the work (or primary) email
     * @param active false when the IdP deactivated the user
     * @param hubUsername the managed hub username derived from userName
     */
    public record ScimUserSnapshot(
            String userName,
            String externalId,
            String givenName,
            String familyName,
            String displayName,
            String email,
            boolean active,
            String hubUsername) {
    }
}
