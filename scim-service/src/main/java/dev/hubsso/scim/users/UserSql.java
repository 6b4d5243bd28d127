package dev.hubsso.scim.users;

import dev.hubsso.scim.filter.SqlMapping;
import dev.hubsso.scim.filter.SqlMapping.Column;
import dev.hubsso.scim.filter.SqlMapping.Elements;
import dev.hubsso.scim.filter.SqlMapping.Kind;
import dev.hubsso.scim.schema.ScimSchemas;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Where the User attributes live in {@code scim.users} (alias {@code u}), for filters and sorting. */
public final class UserSql {

    private static final String HUB = ScimSchemas.HUB_ACCOUNT.toLowerCase(Locale.ROOT) + ":";
    private static final String ENT = ScimSchemas.ENTERPRISE_USER.toLowerCase(Locale.ROOT) + ":";

    /** The filter mapping of Users. */
    public static final SqlMapping MAPPING = mapping();

    private UserSql() {
    }

    private static SqlMapping mapping() {
        Map<String, Column> c = new HashMap<>();
        c.put("id", new Column("u.id", Kind.UUID));
        c.put("externalid", new Column("u.external_id", Kind.TEXT));
        c.put("username", new Column("u.user_name", Kind.TEXT));
        c.put("name.givenname", new Column("u.given_name", Kind.TEXT));
        c.put("name.familyname", new Column("u.family_name", Kind.TEXT));
        c.put("name.formatted", new Column("u.formatted_name", Kind.TEXT));
        c.put("displayname", new Column("u.display_name", Kind.TEXT));
        c.put("active", new Column("u.active", Kind.BOOLEAN));
        c.put("meta.created", new Column("u.created", Kind.TIMESTAMP));
        c.put("meta.lastmodified", new Column("u.last_modified", Kind.TIMESTAMP));
        c.put(HUB + "username", new Column("u.hub_username", Kind.TEXT));
        c.put(ENT + "employeenumber", new Column("u.employee_number", Kind.TEXT));
        c.put(ENT + "costcenter", new Column("u.cost_center", Kind.TEXT));
        c.put(ENT + "organization", new Column("u.organization", Kind.TEXT));
        c.put(ENT + "division", new Column("u.division", Kind.TEXT));
        c.put(ENT + "department", new Column("u.department", Kind.TEXT));
        c.put(ENT + "manager.value", new Column("u.manager_id", Kind.TEXT));
        for (String simple : new String[] { "nickName", "profileUrl", "title", "userType", "preferredLanguage", "locale",
                "timezone" }) {
            c.put(simple.toLowerCase(Locale.ROOT), new Column("(cast(u.profile as jsonb)->>'" + simple + "')", Kind.TEXT));
        }
        Map<String, Elements> e = new HashMap<>();
        e.put("emails", new Elements("jsonb_array_elements(cast(u.emails as jsonb)) e", null, Map.of(
                "value", new Column("(e->>'value')", Kind.TEXT),
                "type", new Column("(e->>'type')", Kind.TEXT),
                "primary", new Column("cast(e->>'primary' as boolean)", Kind.BOOLEAN)), "u.emails_ci"));
        e.put("phonenumbers", new Elements("jsonb_array_elements(coalesce(cast(u.profile as jsonb)->'phoneNumbers', '[]')) e",
                null, Map.of(
                        "value", new Column("(e->>'value')", Kind.TEXT),
                        "display", new Column("(e->>'display')", Kind.TEXT),
                        "type", new Column("(e->>'type')", Kind.TEXT),
                        "primary", new Column("cast(e->>'primary' as boolean)", Kind.BOOLEAN)), null));
        e.put("addresses", new Elements("jsonb_array_elements(coalesce(cast(u.profile as jsonb)->'addresses', '[]')) e",
                null, Map.of(
                        "formatted", new Column("(e->>'formatted')", Kind.TEXT),
                        "streetaddress", new Column("(e->>'streetAddress')", Kind.TEXT),
                        "locality", new Column("(e->>'locality')", Kind.TEXT),
                        "region", new Column("(e->>'region')", Kind.TEXT),
                        "postalcode", new Column("(e->>'postalCode')", Kind.TEXT),
                        "country", new Column("(e->>'country')", Kind.TEXT),
                        "type", new Column("(e->>'type')", Kind.TEXT),
                        "primary", new Column("cast(e->>'primary' as boolean)", Kind.BOOLEAN)), null));
        e.put("groups", new Elements("scim.group_members ug join scim.groups g on g.id = ug.group_id",
                "ug.user_id = u.id", Map.of(
                        "value", new Column("ug.group_id", Kind.UUID),
                        "display", new Column("g.display_name", Kind.TEXT),
                        "type", new Column("'direct'", Kind.TEXT)), null));
        return new SqlMapping(c, e);
    }

    /**
     * The order of a listing without {@code sortBy}: by id, so that a page's position can be
     * found from the per-bucket user counters (see {@link UserRepository#search}).
     */
    public static final String DEFAULT_ORDER = "u.id";

    /**
     * The ORDER BY of a listing: by the sort attribute (case-insensitive strings lower-cased;
     * {@code emails} by the hub's address), then by id, so equal keys keep a stable order across
     * pages.
     */
    public static String orderBy(dev.hubsso.scim.schema.ResourceSchema.Resolved sortBy, boolean descending) {
        String tail = DEFAULT_ORDER;
        if (sortBy == null) {
            return tail;
        }
        String dir = descending ? " desc nulls last, " : " asc nulls last, ";
        String key = sortBy.key();
        if (key.equals("emails") || key.equals("emails.value")) {
            return "lower(u.email)" + dir + tail;
        }
        Column c = MAPPING.columns().get(key);
        if (c == null || sortBy.attribute().multiValued()) {
            throw dev.hubsso.scim.error.ScimException.invalidValue("cannot sort by " + key);
        }
        String expr = c.kind() == Kind.TEXT && !sortBy.leaf().caseExact() ? "lower(" + c.expr() + ")" : c.expr();
        return expr + dir + tail;
    }
}
