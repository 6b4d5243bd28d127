package dev.hubsso.scim.schema;

import java.util.List;
import java.util.Locale;

/**
 * One attribute of a SCIM schema (RFC 7643 §7): what the filter engine, the PATCH engine, the
 * attribute projection and {@code /Schemas} all read. Framework-free.
 *
 * @param name the attribute name as the schema spells it
 * @param type its data type
 * @param multiValued whether it holds a list
 * @param caseExact whether string comparisons are case-sensitive
 * @param mutability who may write it
 * @param returned when it appears in responses
 * @param uniqueness its uniqueness scope
 * @param required whether a resource must carry it
 * @param description a line for humans
 * @param subAttributes sub-attributes of a complex attribute, else empty
 */
public record AttributeDef(String name, Type type, boolean multiValued, boolean caseExact, Mutability mutability,
        Returned returned, Uniqueness uniqueness, boolean required, String description,
        List<AttributeDef> subAttributes) {

    public AttributeDef {
        subAttributes = List.copyOf(subAttributes);
    }

    /** SCIM data types (RFC 7643 §2.3). */
    public enum Type {
        STRING("string"), BOOLEAN("boolean"), DECIMAL("decimal"), INTEGER("integer"), DATE_TIME("dateTime"),
        REFERENCE("reference"), COMPLEX("complex");

        private final String scimName;

        Type(String scimName) {
            this.scimName = scimName;
        }

        public String scimName() {
            return scimName;
        }
    }

    /** RFC 7643 §7 mutability. */
    public enum Mutability {
        READ_ONLY("readOnly"), READ_WRITE("readWrite"), IMMUTABLE("immutable"), WRITE_ONLY("writeOnly");

        private final String scimName;

        Mutability(String scimName) {
            this.scimName = scimName;
        }

        public String scimName() {
            return scimName;
        }
    }

    /** RFC 7643 §7 returned. */
    public enum Returned {
        ALWAYS("always"), NEVER("never"), DEFAULT("default"), REQUEST("request");

        private final String scimName;

        Returned(String scimName) {
            this.scimName = scimName;
        }

        public String scimName() {
            return scimName;
        }
    }

    /** RFC 7643 §7 uniqueness. */
    public enum Uniqueness {
        NONE("none"), SERVER("server"), GLOBAL("global");

        private final String scimName;

        Uniqueness(String scimName) {
            this.scimName = scimName;
        }

        public String scimName() {
            return scimName;
        }
    }

    /** A read-write, case-insensitive, optional single-valued string. */
    public static AttributeDef string(String name, String description) {
        return new AttributeDef(name, Type.STRING, false, false, Mutability.READ_WRITE, Returned.DEFAULT,
                Uniqueness.NONE, false, description, List.of());
    }

    public static AttributeDef complex(String name, boolean multiValued, String description, AttributeDef... subs) {
        return new AttributeDef(name, Type.COMPLEX, multiValued, false, Mutability.READ_WRITE, Returned.DEFAULT,
                Uniqueness.NONE, false, description, List.of(subs));
    }

    public AttributeDef withType(Type t) {
        return new AttributeDef(name, t, multiValued, caseExact, mutability, returned, uniqueness, required,
                description, subAttributes);
    }

    public AttributeDef caseExact(boolean exact) {
        return new AttributeDef(name, type, multiValued, exact, mutability, returned, uniqueness, required,
                description, subAttributes);
    }

    public AttributeDef mutability(Mutability m) {
        return new AttributeDef(name, type, multiValued, caseExact, m, returned, uniqueness, required, description,
                subAttributes);
    }

    public AttributeDef returned(Returned r) {
        return new AttributeDef(name, type, multiValued, caseExact, mutability, r, uniqueness, required, description,
                subAttributes);
    }

    public AttributeDef required(boolean req, Uniqueness u) {
        return new AttributeDef(name, type, multiValued, caseExact, mutability, returned, u, req, description,
                subAttributes);
    }

    /** The sub-attribute of this complex attribute with the given name (case-insensitive), or null. */
    public AttributeDef sub(String subName) {
        for (AttributeDef s : subAttributes) {
            if (s.name.equalsIgnoreCase(subName)) {
                return s;
            }
        }
        return null;
    }

    public boolean isComplex() {
        return type == Type.COMPLEX;
    }

    /** Lower-cased name: SCIM attribute names are case-insensitive. */
    public String key() {
        return name.toLowerCase(Locale.ROOT);
    }
}
