package dev.hubsso.scim.groups.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The writable attributes of a SCIM Group as this service keeps them (RFC 7643 §4.2).
 *
 * @param displayName required, unique in the organization (case-insensitive)
 * @param externalId the IdP's id for the group, or null
 * @param members the SCIM ids of the member users, each once, in canonical order (by id text,
 *     as PostgreSQL orders uuids), so that equal memberships are equal lists
 */
public record ScimGroup(String displayName, String externalId, List<UUID> members) {

    /** Orders ids as PostgreSQL orders uuids (and their canonical text). */
    public static final Comparator<UUID> ID_ORDER = Comparator.comparing(UUID::toString);

    public ScimGroup {
        List<UUID> sorted = new ArrayList<>(new LinkedHashSet<>(members == null ? List.of() : members));
        sorted.sort(ID_ORDER);
        members = List.copyOf(sorted);
    }

    /** SCIM paths of the attributes whose values differ between this group and {@code other}. */
    public List<String> changedAttributes(ScimGroup other) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(displayName, other.displayName)) {
            changed.add("displayName");
        }
        if (!Objects.equals(externalId, other.externalId)) {
            changed.add("externalId");
        }
        if (!members.equals(other.members)) {
            changed.add("members");
        }
        return changed;
    }
}
