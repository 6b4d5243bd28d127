package dev.hubsso.scim.schema;

import dev.hubsso.scim.schema.AttributeDef.Mutability;
import dev.hubsso.scim.schema.AttributeDef.Returned;
import dev.hubsso.scim.schema.AttributeDef.Type;
import dev.hubsso.scim.schema.AttributeDef.Uniqueness;
import java.util.List;

/** Attributes every resource has (RFC 7643 §3.1): {@code id}, {@code externalId}, {@code meta}. */
public final class CommonAttributes {

    public static final AttributeDef ID = AttributeDef.string("id", "Unique identifier assigned by the service.")
            .caseExact(true).mutability(Mutability.READ_ONLY).returned(Returned.ALWAYS).required(false, Uniqueness.SERVER);
    public static final AttributeDef EXTERNAL_ID = AttributeDef.string("externalId", "The identity provider's id for the resource.")
            .caseExact(true);
    public static final AttributeDef META = new AttributeDef("meta", Type.COMPLEX, false, false, Mutability.READ_ONLY,
            Returned.DEFAULT, Uniqueness.NONE, false, "Resource metadata.", List.of(
                    AttributeDef.string("resourceType", "User or Group.").caseExact(true).mutability(Mutability.READ_ONLY),
                    AttributeDef.string("created", "When the resource was created.").withType(Type.DATE_TIME)
                            .mutability(Mutability.READ_ONLY),
                    AttributeDef.string("lastModified", "When the resource last changed.").withType(Type.DATE_TIME)
                            .mutability(Mutability.READ_ONLY),
                    AttributeDef.string("location", "The resource's URI.").withType(Type.REFERENCE).caseExact(true)
                            .mutability(Mutability.READ_ONLY),
                    AttributeDef.string("version", "The weak entity tag of the resource.").caseExact(true)
                            .mutability(Mutability.READ_ONLY)));

    private static final List<AttributeDef> ALL = List.of(ID, EXTERNAL_ID, META);

    private CommonAttributes() {
    }

    /** The common attribute with this name (case-insensitive), or null. */
    public static AttributeDef attribute(String name) {
        for (AttributeDef a : ALL) {
            if (a.name().equalsIgnoreCase(name)) {
                return a;
            }
        }
        return null;
    }

    public static List<AttributeDef> all() {
        return ALL;
    }
}
