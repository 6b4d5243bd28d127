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
     * The SCIM User after the change: its core attributes and its Enterprise User extension.
     * Fields added after the first version ({@code formattedName}, {@code emails},
     * {@code enterprise}) are optional on the wire: an event written before them reads back with
     * null, an empty list and null.
     *
     * @param userName the IdP's userName
     * @param externalId the IdP's id for the user (Entra objectId), if sent
     * @param givenName name.givenName
     * @param familyName name.familyName
     * @param displayName displayName
     * @param email the address the hub uses: the work one, else the primary one, else the first
     * @param active false when the IdP deactivated the user
     * @param hubUsername the managed hub username derived from userName
     * @param formattedName name.formatted, or null
     * @param emails every address of {@code emails}, in the resource's order (never null)
     * @param enterprise the Enterprise User extension, or null when the user has none of its attributes
     */
    public record ScimUserSnapshot(
            String userName,
            String externalId,
            String givenName,
            String familyName,
            String displayName,
            String email,
            boolean active,
            String hubUsername,
            String formattedName,
            List<Email> emails,
            Enterprise enterprise) {

        public ScimUserSnapshot {
            emails = emails == null ? List.of() : List.copyOf(emails);
        }

        /** A snapshot of the first version's attributes only (no formatted name, emails or extension). */
        public ScimUserSnapshot(String userName, String externalId, String givenName, String familyName,
                String displayName, String email, boolean active, String hubUsername) {
            this(userName, externalId, givenName, familyName, displayName, email, active, hubUsername, null, List.of(),
                    null);
        }

        /**
         * One entry of the user's {@code emails}.
         *
         * @param value the address
         * @param type e.g. {@code work}, or null
         * @param primary whether it is the preferred address
         */
        public record Email(String value, String type, boolean primary) {
        }

        /**
         * The Enterprise User extension ({@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User}).
         *
         * @param employeeNumber employeeNumber, or null
         * @param costCenter costCenter, or null
         * @param organization organization, or null
         * @param division division, or null
         * @param department department, or null
         * @param managerId manager.value (the manager's SCIM id), or null
         */
        public record Enterprise(String employeeNumber, String costCenter, String organization, String division,
                String department, String managerId) {
        }
    }
}
