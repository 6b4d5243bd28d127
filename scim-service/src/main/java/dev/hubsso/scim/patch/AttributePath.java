package dev.hubsso.scim.patch;

import dev.hubsso.scim.error.ScimException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PATCH path (RFC 7644 §3.5.2 {@code PATH = attrPath / valuePath [subAttr]}) in the forms this
 * service supports: {@code attr}, {@code attr.sub}, {@code attr[filterAttr eq "v"]} and
 * {@code attr[filterAttr eq "v"].sub}, optionally prefixed with a schema URN. Names are kept in
 * lower case, since SCIM attribute names are case-insensitive.
 *
 * @param schema the lower-cased schema URN the path names, or null for the core schema (User or Group)
 * @param attribute lower-cased attribute name
 * @param filterAttribute lower-cased attribute of the value filter, or null
 * @param filterValue the value the filter compares with, or null
 * @param subAttribute lower-cased sub-attribute, or null
 * @param text the path as the client sent it
 */
public record AttributePath(
        String schema, String attribute, String filterAttribute, String filterValue, String subAttribute,
        String text) {

    /** The core User schema; paths may be prefixed with it. */
    public static final String CORE_USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    /** The core Group schema; Group paths may be prefixed with it. */
    public static final String CORE_GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    /** This hub's read-only account extension. */
    public static final String HUB_ACCOUNT_SCHEMA = "urn:hub:scim:schemas:extension:account:2.0:User";

    /** The Enterprise User extension, lower-cased as {@link #schema()} holds it. */
    public static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user";

    private static final String NAME = "[A-Za-z][A-Za-z0-9_$-]*";
    private static final Pattern PATH = Pattern.compile(
            "(" + NAME + ")(?:\\[\\s*(" + NAME + ")\\s+([A-Za-z]+)\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\])?(?:\\.(" + NAME + "))?");

    public static AttributePath parse(String text) {
        String rest = text.strip();
        String schema = null;
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("urn:")) {
            String core = CORE_USER_SCHEMA.toLowerCase(Locale.ROOT);
            String coreGroup = CORE_GROUP_SCHEMA.toLowerCase(Locale.ROOT);
            String hub = HUB_ACCOUNT_SCHEMA.toLowerCase(Locale.ROOT);
            if (lower.startsWith(core + ":")) {
                rest = rest.substring(core.length() + 1);
            } else if (lower.startsWith(coreGroup + ":")) {
                // the resource's own core schema: the patchers reject attributes it does not have
                rest = rest.substring(coreGroup.length() + 1);
            } else if (lower.equals(ENTERPRISE)) {
                return new AttributePath(ENTERPRISE, null, null, null, null, text);
            } else if (lower.startsWith(ENTERPRISE + ":")) {
                schema = ENTERPRISE;
                rest = rest.substring(ENTERPRISE.length() + 1);
            } else if (lower.equals(hub)) {
                return new AttributePath(hub, null, null, null, null, text);
            } else if (lower.startsWith(hub + ":")) {
                schema = hub;
                rest = rest.substring(hub.length() + 1);
            } else {
                // an extension this service does not have
                return new AttributePath(lower, null, null, null, null, text);
            }
        }
        Matcher m = PATH.matcher(rest);
        if (!m.matches()) {
            throw ScimException.invalidPath("invalid path: " + text);
        }
        String filterValue = null;
        if (m.group(2) != null) {
            if (!m.group(3).equalsIgnoreCase("eq")) {
                throw ScimException.invalidPath("only eq is supported in path value filters: " + text);
            }
            filterValue = m.group(4).replaceAll("\\\\(.)", "$1");
        }
        return new AttributePath(schema, lc(m.group(1)), lc(m.group(2)), filterValue, lc(m.group(5)), text);
    }

    /** True for a path naming a whole schema extension (or an attribute of one other than the core). */
    public boolean isExtension() {
        return schema != null;
    }

    public boolean hasFilter() {
        return filterAttribute != null;
    }

    private static String lc(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /**
     * Walks the attributes of a path-less operation's value ({@code {"active":false,"name.givenName":"K"}}),
     * each with its parsed path. Names that do not parse are skipped when {@code lenient} (a create
     * body) and rejected otherwise.
     */
    public static void forEachAttribute(com.fasterxml.jackson.databind.JsonNode value, boolean lenient,
            java.util.function.BiConsumer<AttributePath, com.fasterxml.jackson.databind.JsonNode> action) {
        if (value == null || !value.isObject()) {
            throw ScimException.invalidValue("an operation without path needs an object of attributes as value");
        }
        java.util.Iterator<java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> f = fields.next();
            AttributePath path;
            try {
                path = parse(f.getKey());
            } catch (ScimException e) {
                if (lenient) {
                    continue;
                }
                throw e;
            }
            action.accept(path, f.getValue());
        }
    }
}
