package dev.hubsso.scim.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A resource type's schemas: the core schema, its extensions and the common attributes
 * ({@code id}, {@code externalId}, {@code meta}, RFC 7643 §3.1). Resolves attribute paths as
 * filters, PATCH paths and {@code attributes} parameters name them.
 *
 * @param name the resource type name (User, Group)
 * @param endpoint its endpoint, e.g. {@code /Users}
 * @param core the core schema
 * @param extensions the schema extensions
 */
public record ResourceSchema(String name, String endpoint, SchemaDef core, List<SchemaDef> extensions) {

    public ResourceSchema {
        extensions = List.copyOf(extensions);
    }

    /**
     * A resolved attribute: the schema it belongs to, the top-level attribute, and the
     * sub-attribute or null.
     */
    public record Resolved(SchemaDef schema, AttributeDef attribute, AttributeDef sub) {

        /** The attribute compared: the sub-attribute when there is one. */
        public AttributeDef leaf() {
            return sub != null ? sub : attribute;
        }

        /** Lower-case canonical path: {@code name.givenname}, or {@code urn:...:employeenumber}. */
        public String key() {
            String base = isCore() ? "" : schema.id().toLowerCase(Locale.ROOT) + ":";
            return base + attribute.key() + (sub == null ? "" : "." + sub.key());
        }

        private boolean isCore() {
            return schema.id().startsWith("urn:ietf:params:scim:schemas:core:");
        }
    }

    /** The schemas of this resource, core first. */
    public List<SchemaDef> all() {
        List<SchemaDef> all = new ArrayList<>();
        all.add(core);
        all.addAll(extensions);
        return all;
    }

    /** The schema with this URN (case-insensitive), or null. */
    public SchemaDef schema(String urn) {
        for (SchemaDef s : all()) {
            if (s.id().equalsIgnoreCase(urn)) {
                return s;
            }
        }
        return null;
    }

    /**
     * Resolves {@code [urn:]attribute[.sub]}; null when the schema has no such attribute.
     *
     * @param urn the schema URN the path carries, or null
     */
    public Resolved resolve(String urn, String attribute, String sub) {
        SchemaDef schema;
        AttributeDef attr;
        if (urn == null) {
            schema = core;
            attr = CommonAttributes.attribute(attribute);
            if (attr == null) {
                attr = core.attribute(attribute);
            }
        } else {
            schema = schema(urn);
            if (schema == null) {
                return null;
            }
            attr = schema.attribute(attribute);
            if (attr == null && schema == core) {
                attr = CommonAttributes.attribute(attribute);
            }
        }
        if (attr == null) {
            return null;
        }
        if (sub == null) {
            return new Resolved(schema, attr, null);
        }
        AttributeDef s = attr.sub(sub);
        return s == null ? null : new Resolved(schema, attr, s);
    }

    /** Splits {@code urn:...:attr.sub} / {@code attr.sub} into its URN, attribute and sub-attribute. */
    public static String[] split(String path) {
        String urn = null;
        String rest = path;
        if (path.regionMatches(true, 0, "urn:", 0, 4)) {
            int colon = path.lastIndexOf(':');
            urn = path.substring(0, colon);
            rest = path.substring(colon + 1);
        }
        int dot = rest.indexOf('.');
        String attr = dot < 0 ? rest : rest.substring(0, dot);
        String sub = dot < 0 ? null : rest.substring(dot + 1);
        return new String[] { urn, attr, sub };
    }
}
