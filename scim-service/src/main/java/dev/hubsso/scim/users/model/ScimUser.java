package dev.hubsso.scim.users.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The writable attributes of a SCIM User as this service keeps them (RFC 7643 §4.1). Server-set
 * attributes (id, meta, the derived hub username) live next to it, not in it, so that a PATCH
 * can only ever touch what a client may write.
 *
 * @param userName the IdP's userName, required
 * @param externalId the IdP's own id for the user, or null
 * @param givenName name.givenName, or null
 * @param familyName name.familyName, or null
 * @param formattedName name.formatted, or null
 * @param displayName displayName, or null
 * @param emails the email addresses, at most one of them primary
 * @param active false when the IdP deactivated the user
 * @param enterprise the Enterprise User extension attributes (never null; all null when absent)
 * @param profile the other core attributes kept for the IdP (never null)
 */
public record ScimUser(
        String userName,
        String externalId,
        String givenName,
        String familyName,
        String formattedName,
        String displayName,
        List<Email> emails,
        boolean active,
        Enterprise enterprise,
        Profile profile) {

    /** The Enterprise User extension URN; changed attributes of it are reported fully qualified. */
    public static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    public ScimUser {
        emails = emails == null ? List.of() : List.copyOf(emails);
        enterprise = enterprise == null ? Enterprise.NONE : enterprise;
        profile = profile == null ? Profile.NONE : profile;
    }

    /** A user without the attributes of {@link Profile}. */
    public ScimUser(String userName, String externalId, String givenName, String familyName, String formattedName,
            String displayName, List<Email> emails, boolean active, Enterprise enterprise) {
        this(userName, externalId, givenName, familyName, formattedName, displayName, emails, active, enterprise, Profile.NONE);
    }

    /** A user without Enterprise User attributes. */
    public ScimUser(String userName, String externalId, String givenName, String familyName, String formattedName,
            String displayName, List<Email> emails, boolean active) {
        this(userName, externalId, givenName, familyName, formattedName, displayName, emails, active, Enterprise.NONE,
                Profile.NONE);
    }

    /**
     * The Enterprise User extension (RFC 7643 §4.3).
     *
     * @param employeeNumber employeeNumber, or null
     * @param costCenter costCenter, or null
     * @param organization organization, or null
     * @param division division, or null
     * @param department department, or null
     * @param managerId manager.value, the manager's SCIM id, or null
     */
    public record Enterprise(String employeeNumber, String costCenter, String organization, String division,
            String department, String managerId) {

        public static final Enterprise NONE = new Enterprise(null, null, null, null, null, null);

        public boolean isEmpty() {
            return equals(NONE);
        }
    }

    /** This user with other Enterprise User attributes. */
    public ScimUser withEnterprise(Enterprise e) {
        return new ScimUser(userName, externalId, givenName, familyName, formattedName, displayName, emails, active, e,
                profile);
    }

    /**
     * One entry of {@code emails}.
     *
     * @param value the address
     * @param type e.g. {@code work}, or null
     * @param primary whether this is the preferred address
     */
    public record Email(String value, String type, boolean primary) {
        public Email {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The address the hub uses: the work one, else the primary one, else the first; null if none. */
    public String hubEmail() {
        for (Email e : emails) {
            if ("work".equalsIgnoreCase(e.type())) {
                return e.value();
            }
        }
        for (Email e : emails) {
            if (e.primary()) {
                return e.value();
            }
        }
        return emails.isEmpty() ? null : emails.get(0).value();
    }

    /** SCIM paths of the attributes whose values differ between this user and {@code other}. */
    public List<String> changedAttributes(ScimUser other) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(userName, other.userName)) {
            changed.add("userName");
        }
        if (!Objects.equals(externalId, other.externalId)) {
            changed.add("externalId");
        }
        if (!Objects.equals(givenName, other.givenName)) {
            changed.add("name.givenName");
        }
        if (!Objects.equals(familyName, other.familyName)) {
            changed.add("name.familyName");
        }
        if (!Objects.equals(formattedName, other.formattedName)) {
            changed.add("name.formatted");
        }
        if (!Objects.equals(displayName, other.displayName)) {
            changed.add("displayName");
        }
        if (!emails.equals(other.emails)) {
            changed.add("emails");
        }
        if (active != other.active) {
            changed.add("active");
        }
        Enterprise a = enterprise;
        Enterprise b = other.enterprise;
        if (!Objects.equals(a.employeeNumber(), b.employeeNumber())) {
            changed.add(ENTERPRISE + ":employeeNumber");
        }
        if (!Objects.equals(a.costCenter(), b.costCenter())) {
            changed.add(ENTERPRISE + ":costCenter");
        }
        if (!Objects.equals(a.organization(), b.organization())) {
            changed.add(ENTERPRISE + ":organization");
        }
        if (!Objects.equals(a.division(), b.division())) {
            changed.add(ENTERPRISE + ":division");
        }
        if (!Objects.equals(a.department(), b.department())) {
            changed.add(ENTERPRISE + ":department");
        }
        if (!Objects.equals(a.managerId(), b.managerId())) {
            changed.add(ENTERPRISE + ":manager");
        }
        changed.addAll(profile.changedAttributes(other.profile));
        return changed;
    }

    /** The attributes a newly created user carries, as SCIM paths ({@code active} always). */
    public List<String> presentAttributes() {
        ScimUser empty = new ScimUser(null, null, null, null, null, null, List.of(), !active);
        return empty.changedAttributes(this);
    }

    /** Case-insensitive uniqueness key of a userName. */
    public static String canonical(String userName) {
        return userName.toLowerCase(Locale.ROOT);
    }
}
