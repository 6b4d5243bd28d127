package dev.hubsso.scim.groups;

import dev.hubsso.scim.groups.model.ScimGroup;
import dev.hubsso.scim.web.ETags;
import java.time.Instant;
import java.util.UUID;

/**
 * A SCIM Group as stored: its writable attributes and what the server sets.
 *
 * @param id the SCIM id
 * @param group displayName, externalId and member ids
 * @param version incremented on every change
 * @param created when it was created
 * @param lastModified when it last changed
 */
public record StoredGroup(UUID id, ScimGroup group, long version, Instant created, Instant lastModified) {

    /** The weak entity tag of this version. */
    public String etag() {
        return ETags.of(version);
    }
}
