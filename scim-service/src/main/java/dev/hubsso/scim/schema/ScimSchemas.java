package dev.hubsso.scim.schema;

import dev.hubsso.scim.schema.AttributeDef.Mutability;
import dev.hubsso.scim.schema.AttributeDef.Returned;
import dev.hubsso.scim.schema.AttributeDef.Type;
import dev.hubsso.scim.schema.AttributeDef.Uniqueness;
import java.util.List;

/**
 * The schemas this service implements, attribute by attribute: exactly what it stores, filters
 * on and returns (and so what {@code /Schemas} advertises).
 */
public final class ScimSchemas {

    public static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String HUB_ACCOUNT = "urn:hub:scim:schemas:extension:account:2.0:User";
    public static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private static AttributeDef readOnly(AttributeDef a) {
        return a.mutability(Mutability.READ_ONLY);
    }

    public static final SchemaDef USER = new SchemaDef(CORE_USER, "User", "User Account", List.of(
            AttributeDef.string("userName", "Unique identifier for the user at the identity provider.")
                    .required(true, Uniqueness.SERVER),
            AttributeDef.complex("name", false, "The components of the user's name.",
                    AttributeDef.string("formatted", "The full name."),
                    AttributeDef.string("familyName", "The family name."),
                    AttributeDef.string("givenName", "The given name.")),
            AttributeDef.string("displayName", "The name displayed to end users."),
            AttributeDef.string("nickName", "The casual way to address the user."),
            AttributeDef.string("profileUrl", "A URI of the user's online profile.").withType(Type.REFERENCE),
            AttributeDef.string("title", "The user's title, such as \"Vice President\"."),
            AttributeDef.string("userType", "The relationship between the organization and the user."),
            AttributeDef.string("preferredLanguage", "The user's preferred written or spoken language."),
            AttributeDef.string("locale", "The user's default location, for localizing items."),
            AttributeDef.string("timezone", "The user's time zone, in the IANA time zone database format."),
            AttributeDef.string("password", "Accepted and discarded; never returned.").mutability(Mutability.WRITE_ONLY)
                    .returned(Returned.NEVER).caseExact(true),
            AttributeDef.string("active", "False when the identity provider deactivated the user.")
                    .withType(Type.BOOLEAN),
            AttributeDef.complex("emails", true, "Email addresses; the work one (else primary) is used by the hub.",
                    AttributeDef.string("value", "The address."),
                    AttributeDef.string("type", "work, home or other."),
                    AttributeDef.string("primary", "The preferred address.").withType(Type.BOOLEAN)),
            AttributeDef.complex("phoneNumbers", true, "Phone numbers, kept for the identity provider.",
                    AttributeDef.string("value", "The number."),
                    AttributeDef.string("display", "A human-readable form of the number."),
                    AttributeDef.string("type", "work, home, mobile, fax, pager or other."),
                    AttributeDef.string("primary", "The preferred number.").withType(Type.BOOLEAN)),
            AttributeDef.complex("addresses", true, "Physical mailing addresses, kept for the identity provider.",
                    AttributeDef.string("formatted", "The full address, formatted for display."),
                    AttributeDef.string("streetAddress", "The street address."),
                    AttributeDef.string("locality", "The city or locality."),
                    AttributeDef.string("region", "The state or region."),
                    AttributeDef.string("postalCode", "The zip or postal code."),
                    AttributeDef.string("country", "The country name."),
                    AttributeDef.string("type", "work, home or other."),
                    AttributeDef.string("primary", "The preferred address.").withType(Type.BOOLEAN)),
            readOnly(AttributeDef.complex("groups", true, "The groups the user is a member of (computed, read-only).",
                    readOnly(AttributeDef.string("value", "The id of the Group.").caseExact(true)),
                    readOnly(AttributeDef.string("$ref", "The Group's URI.").withType(Type.REFERENCE).caseExact(true)),
                    readOnly(AttributeDef.string("display", "The Group's displayName.")),
                    readOnly(AttributeDef.string("type", "direct: groups are not nested."))))));

    public static final SchemaDef ENTERPRISE = new SchemaDef(ENTERPRISE_USER, "EnterpriseUser", "Enterprise User", List.of(
            AttributeDef.string("employeeNumber", "Numeric or alphanumeric identifier assigned to the person."),
            AttributeDef.string("costCenter", "Name of a cost center."),
            AttributeDef.string("organization", "Name of an organization."),
            AttributeDef.string("division", "Name of a division."),
            AttributeDef.string("department", "Name of a department."),
            AttributeDef.complex("manager", false, "The user's manager.",
                    AttributeDef.string("value", "The id of the manager's SCIM User.").caseExact(true),
                    readOnly(AttributeDef.string("$ref", "The manager's URI.").withType(Type.REFERENCE).caseExact(true)))));

    public static final SchemaDef HUB = new SchemaDef(HUB_ACCOUNT, "HubAccount", "The managed hub account of the user", List.of(
            readOnly(AttributeDef.string("username", "The managed hub username derived from userName."))));

    public static final SchemaDef GROUP = new SchemaDef(CORE_GROUP, "Group", "Group", List.of(
            AttributeDef.string("displayName", "A human-readable name, unique in the organization.")
                    .required(true, Uniqueness.SERVER),
            AttributeDef.complex("members", true, "The members of the group (users).",
                    AttributeDef.string("value", "The id of the member's SCIM User.").caseExact(true)
                            .mutability(Mutability.IMMUTABLE),
                    AttributeDef.string("$ref", "The member's URI.").withType(Type.REFERENCE).caseExact(true)
                            .mutability(Mutability.IMMUTABLE),
                    readOnly(AttributeDef.string("display", "The member's displayName.")),
                    AttributeDef.string("type", "User.").mutability(Mutability.IMMUTABLE))));

    /** Users: core User, the Enterprise User extension and the hub account extension. */
    public static final ResourceSchema USERS = new ResourceSchema("User", "/Users", USER, List.of(ENTERPRISE, HUB));

    /** Groups: core Group only. */
    public static final ResourceSchema GROUPS = new ResourceSchema("Group", "/Groups", GROUP, List.of());

    private ScimSchemas() {
    }
}
