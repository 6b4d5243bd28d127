package dev.hubsso.scim.groups;

import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.filter.SqlMapping;
import dev.hubsso.scim.filter.SqlMapping.Column;
import dev.hubsso.scim.filter.SqlMapping.Elements;
import dev.hubsso.scim.filter.SqlMapping.Kind;
import dev.hubsso.scim.schema.ResourceSchema;
import java.util.Map;

/** Where the Group attributes live in {@code scim.groups} (alias {@code g}), for filters and sorting. */
public final class GroupSql {

    /** The filter mapping of Groups; {@code members} are rows of {@code scim.group_members}. */
    public static final SqlMapping MAPPING = new SqlMapping(Map.of(
            "id", new Column("g.id", Kind.UUID),
            "externalid", new Column("g.external_id", Kind.TEXT),
            "displayname", new Column("g.display_name", Kind.TEXT),
            "meta.created", new Column("g.created", Kind.TIMESTAMP),
            "meta.lastmodified", new Column("g.last_modified", Kind.TIMESTAMP)),
            Map.of("members", new Elements(
                    "scim.group_members gm join scim.users mu on mu.id = gm.user_id", "gm.group_id = g.id", Map.of(
                            "value", new Column("gm.user_id", Kind.UUID),
                            "display", new Column("coalesce(mu.display_name, mu.user_name)", Kind.TEXT),
                            "type", new Column("'User'", Kind.TEXT)), null)));

    private GroupSql() {
    }

    /**
     * The ORDER BY of a listing: by the sort attribute (displayName lower-cased), then by creation
     * and id, so that pages are stable.
     */
    public static String orderBy(ResourceSchema.Resolved sortBy, boolean descending) {
        String tail = "g.created, g.id";
        if (sortBy == null) {
            return tail;
        }
        Column c = MAPPING.columns().get(sortBy.key());
        if (c == null || sortBy.attribute().multiValued()) {
            throw ScimException.invalidValue("cannot sort by " + sortBy.key());
        }
        String expr = c.kind() == Kind.TEXT && !sortBy.leaf().caseExact() ? "lower(" + c.expr() + ")" : c.expr();
        return expr + (descending ? " desc nulls last, " : " asc nulls last, ") + tail;
    }
}
