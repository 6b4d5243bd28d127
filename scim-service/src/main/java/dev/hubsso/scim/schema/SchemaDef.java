package dev.hubsso.scim.schema;

import java.util.List;

/**
 * A SCIM schema (RFC 7643 §7): its URN and its attributes.
 *
 * @param id the schema URN
 * @param name a short name
 * @param description a line for humans
 * @param attributes the top-level attributes
 */
public record SchemaDef(String id, String name, String description, List<AttributeDef> attributes) {

    public SchemaDef {
        attributes = List.copyOf(attributes);
    }

    /** The attribute with this name (case-insensitive), or null. */
    public AttributeDef attribute(String attributeName) {
        for (AttributeDef a : attributes) {
            if (a.name().equalsIgnoreCase(attributeName)) {
                return a;
            }
        }
        return null;
    }
}
