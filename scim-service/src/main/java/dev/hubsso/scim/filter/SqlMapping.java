package dev.hubsso.scim.filter;

import java.util.Map;

/**
 * Where a resource's attributes live in SQL, keyed by the canonical lower-case path of
 * {@link dev.hubsso.scim.schema.ResourceSchema.Resolved#key()} ({@code username},
 * {@code name.givenname}, {@code meta.created}, {@code urn:...:employeenumber}).
 *
 * @param columns single-valued attributes
 * @param elements multi-valued complex attributes, by attribute key ({@code emails})
 */
public record SqlMapping(Map<String, Column> columns, Map<String, Elements> elements) {

    public SqlMapping {
        columns = Map.copyOf(columns);
        elements = Map.copyOf(elements);
    }

    /** How a column is compared and bound. */
    public enum Kind {
        TEXT, UUID, BOOLEAN, TIMESTAMP
    }

    /**
     * A SQL expression for one attribute.
     *
     * @param expr the expression, e.g. {@code u.user_name}
     * @param kind its type
     */
    public record Column(String expr, Kind kind) {
    }

    /**
     * The elements of a multi-valued attribute, as rows of a correlated subquery.
     *
     * @param from the FROM clause of the subquery (e.g. {@code jsonb_array_elements(cast(u.emails as jsonb)) e})
     * @param correlation a condition tying the rows to the outer row, or null
     * @param subs the sub-attributes' expressions, by lower-case name
     * @param lowerCaseJsonb an expression of the whole array as lower-cased jsonb (GIN-indexable
     *     containment for {@code eq} on case-insensitive sub-attributes), or null
     */
    public record Elements(String from, String correlation, Map<String, Column> subs, String lowerCaseJsonb) {
        public Elements {
            subs = Map.copyOf(subs);
        }
    }
}
