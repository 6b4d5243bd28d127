package dev.hubsso.scim.patch;

import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.error.ScimType;
import dev.hubsso.scim.filter.BoundFilter;
import dev.hubsso.scim.filter.Filter;
import dev.hubsso.scim.filter.FilterBinder;
import dev.hubsso.scim.filter.FilterParser;
import dev.hubsso.scim.schema.ResourceSchema;
import dev.hubsso.scim.schema.ResourceSchema.Resolved;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PATCH path (RFC 7644 §3.5.2 {@code PATH = attrPath / valuePath [subAttr]}): {@code attr},
 * {@code attr.sub}, {@code attr[filter]} and {@code attr[filter].sub}, optionally prefixed with a
 * schema URN. The value filter is any filter of RFC 7644 §3.4.2.2 (every operator, {@code and},
 * {@code or}, {@code not}, grouping, string, boolean, number and null literals), parsed by
 * {@link FilterParser}; it is bound to the attribute's sub-attributes, and so to their
 * {@code caseExact} rules, by {@link #elementFilter}. Names are kept in lower case, since SCIM
 * attribute names are case-insensitive.
 *
 * @param schema the lower-cased schema URN the path names, or null for the core schema (User or Group)
 * @param attribute lower-cased attribute name
 * @param filter the value filter between the brackets, or null
 * @param subAttribute lower-cased sub-attribute, or null
 * @param text the path as the client sent it
 */
public record AttributePath(String schema, String attribute, Filter filter, String subAttribute, String text) {

    /** The core User schema; paths may be prefixed with it. */
    public static final String CORE_USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    /** The core Group schema; Group paths may be prefixed with it. */
    public static final String CORE_GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    /** This hub's read-only account extension. */
    public static final String HUB_ACCOUNT_SCHEMA = "urn:hub:scim:schemas:extension:account:2.0:User";

    /** The Enterprise User extension, lower-cased as {@link #schema()} holds it. */
    public static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user";

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_$-]*");

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
                return new AttributePath(ENTERPRISE, null, null, null, text);
            } else if (lower.startsWith(ENTERPRISE + ":")) {
                schema = ENTERPRISE;
                rest = rest.substring(ENTERPRISE.length() + 1);
            } else if (lower.equals(hub)) {
                return new AttributePath(hub, null, null, null, text);
            } else if (lower.startsWith(hub + ":")) {
                schema = hub;
                rest = rest.substring(hub.length() + 1);
            } else {
                // an extension this service does not have
                return new AttributePath(lower, null, null, null, text);
            }
        }
        Matcher name = NAME.matcher(rest);
        if (!name.lookingAt()) {
            throw ScimException.invalidPath("invalid path: " + text);
        }
        String attribute = name.group();
        int at = name.end();
        Filter filter = null;
        if (at < rest.length() && rest.charAt(at) == '[') {
            int close = closingBracket(rest, at, text);
            filter = valueFilter(rest.substring(at + 1, close), text);
            at = close + 1;
        }
        String sub = null;
        if (at < rest.length() && rest.charAt(at) == '.') {
            Matcher subName = NAME.matcher(rest.substring(at + 1));
            if (!subName.lookingAt()) {
                throw ScimException.invalidPath("invalid sub-attribute in path: " + text);
            }
            sub = subName.group();
            at += 1 + subName.end();
        }
        if (at != rest.length()) {
            throw ScimException.invalidPath("invalid path: " + text);
        }
        return new AttributePath(schema, lc(attribute), filter, lc(sub), text);
    }

    /**
     * The index of the {@code ]} closing the {@code [} at {@code open}. Brackets inside string
     * literals ({@code emails[value eq "a]b"]}, escaped quotes included) do not count; nested
     * brackets are balanced here and refused by the filter parser.
     */
    private static int closingBracket(String s, int open, String text) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return i;
            }
        }
        throw ScimException.invalidPath("unclosed value filter in path: " + text);
    }

    private static Filter valueFilter(String filter, String text) {
        Filter parsed;
        try {
            parsed = FilterParser.parse(filter);
        } catch (ScimException e) {
            throw asInvalidPath(e, text);
        }
        if (nestsValuePath(parsed)) {
            // the parser takes emails[emails[...]] for a top-level filter; in a path it is nested
            throw ScimException.invalidPath("value filters cannot be nested: " + text);
        }
        return parsed;
    }

    private static boolean nestsValuePath(Filter f) {
        if (f instanceof Filter.And a) {
            return nestsValuePath(a.left()) || nestsValuePath(a.right());
        }
        if (f instanceof Filter.Or o) {
            return nestsValuePath(o.left()) || nestsValuePath(o.right());
        }
        if (f instanceof Filter.Not n) {
            return nestsValuePath(n.inner());
        }
        return f instanceof Filter.ValuePath;
    }

    /** Filter errors inside a PATCH path are {@code invalidPath} (RFC 7644 §3.12 table 9). */
    private static ScimException asInvalidPath(ScimException e, String text) {
        if (e.scimType() != ScimType.INVALID_FILTER) {
            return e;
        }
        return ScimException.invalidPath("invalid value filter in path " + text + ": " + e.detail());
    }

    /**
     * The value filter bound to the sub-attributes of this path's attribute in {@code resource},
     * ready for {@link dev.hubsso.scim.filter.FilterEvaluator#matchesElement}: comparisons follow
     * each sub-attribute's type and {@code caseExact}. 400 {@code invalidPath} when the attribute
     * is not multi-valued and complex, or the filter names a sub-attribute it does not have or
     * compares one in a way its type does not allow.
     */
    public BoundFilter elementFilter(ResourceSchema resource) {
        if (filter == null) {
            throw new IllegalStateException("no value filter in " + text);
        }
        Resolved attr = attribute == null ? null : resource.resolve(schema, attribute, null);
        if (attr == null || !attr.attribute().isComplex() || !attr.attribute().multiValued()) {
            throw ScimException.invalidPath(attribute + " is not a multi-valued attribute: " + text);
        }
        try {
            return FilterBinder.bindElementFilter(filter, resource, attr);
        } catch (ScimException e) {
            throw asInvalidPath(e, text);
        }
    }

    /**
     * The string the value filter compares {@code sub} with when the filter is exactly
     * {@code sub eq "x"} (Entra's {@code emails[type eq "work"].value}); null for any other filter.
     */
    public String plainEquals(String sub) {
        if (filter instanceof Filter.Compare c && c.op() == Filter.Op.EQ && c.value() instanceof Filter.Str s
                && c.path().urn() == null && c.path().sub() == null && c.path().name().equalsIgnoreCase(sub)) {
            return s.value();
        }
        return null;
    }

    /** The lower-cased attribute names the value filter reads (empty without a filter). */
    public Set<String> filterAttributes() {
        Set<String> out = new LinkedHashSet<>();
        if (filter != null) {
            collect(filter, out);
        }
        return out;
    }

    private static void collect(Filter f, Set<String> out) {
        if (f instanceof Filter.And a) {
            collect(a.left(), out);
            collect(a.right(), out);
        } else if (f instanceof Filter.Or o) {
            collect(o.left(), out);
            collect(o.right(), out);
        } else if (f instanceof Filter.Not n) {
            collect(n.inner(), out);
        } else if (f instanceof Filter.Compare c) {
            out.add(c.path().name().toLowerCase(Locale.ROOT));
        } else if (f instanceof Filter.Present p) {
            out.add(p.path().name().toLowerCase(Locale.ROOT));
        } else if (f instanceof Filter.ValuePath v) {
            out.add(v.attribute().name().toLowerCase(Locale.ROOT));
        }
    }

    /** True for a path naming a whole schema extension (or an attribute of one other than the core). */
    public boolean isExtension() {
        return schema != null;
    }

    public boolean hasFilter() {
        return filter != null;
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
