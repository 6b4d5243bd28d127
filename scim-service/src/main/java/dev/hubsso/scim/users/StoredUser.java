package dev.hubsso.scim.users;

import dev.hubsso.scim.users.model.ScimUser;
import java.time.Instant;
import java.util.UUID;

/**
 * A SCIM User as stored: its writable attributes and what the server sets.
 *
 * @param id the SCIM id
 * @param user the writable attributes
 * @param hubUsername the managed hub username derived from userName (read-only)
 * @param version incremented on every change
 * @param created when it was created
 * @param lastModified when it last changed
 */
public record StoredUser(UUID id, ScimUser user, String hubUsername, long version, Instant created, Instant lastModified) {

    /** The weak entity tag of this version, as in {@code meta.version} and {@code ETag}. */
    public String etag() {
        return etag(version);
    }

    public static String etag(long version) {
        return "W/\"" + version + "\"";
    }
}
