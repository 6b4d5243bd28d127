package dev.hubsso.scim.filter;

import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.filter.Filter.Bool;
import dev.hubsso.scim.filter.Filter.Literal;
import dev.hubsso.scim.filter.Filter.Num;
import dev.hubsso.scim.filter.Filter.Op;
import dev.hubsso.scim.filter.Filter.Str;
import dev.hubsso.scim.filter.SqlMapping.Column;
import dev.hubsso.scim.filter.SqlMapping.Elements;
import dev.hubsso.scim.filter.SqlMapping.Kind;
import dev.hubsso.scim.schema.AttributeDef;
import dev.hubsso.scim.schema.ResourceSchema.Resolved;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Translates a bound filter to a SQL condition with bound parameters only. Every condition it
 * produces is two-valued (never SQL NULL), so {@code not} means what the evaluator means. Equality
 * on a case-insensitive column is {@code lower(col) = lower(?)} (an expression-index lookup);
 * {@code eq} on case-insensitive sub-attributes of a multi-valued attribute is jsonb containment
 * (a GIN-index lookup); other comparisons on elements are correlated {@code exists} subqueries.
 */
public final class FilterToSql {

    private final SqlMapping mapping;
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    private FilterToSql(SqlMapping mapping) {
        this.mapping = mapping;
    }

    public static SqlFilter translate(BoundFilter f, SqlMapping mapping) {
        FilterToSql t = new FilterToSql(mapping);
        t.visit(f, null);
        return new SqlFilter(t.sql.toString(), t.params);
    }

    private void visit(BoundFilter f, Elements element) {
        if (f instanceof BoundFilter.And a) {
            sql.append('(');
            visit(a.left(), element);
            sql.append(" and ");
            visit(a.right(), element);
            sql.append(')');
        } else if (f instanceof BoundFilter.Or o) {
            sql.append('(');
            visit(o.left(), element);
            sql.append(" or ");
            visit(o.right(), element);
            sql.append(')');
        } else if (f instanceof BoundFilter.Not n) {
            sql.append("not ");
            visit(n.inner(), element);
        } else if (f instanceof BoundFilter.AnyElement any) {
            Elements e = elements(any.attribute());
            List<BoundFilter.Compare> eqs = new ArrayList<>();
            if (e.lowerCaseJsonb() != null && containable(any.filter(), eqs)) {
                containment(e, eqs);
            } else {
                exists(e, () -> visit(any.filter(), e));
            }
        } else if (f instanceof BoundFilter.Present p) {
            present(p.target(), element);
        } else {
            compare((BoundFilter.Compare) f, element);
        }
    }

    private void present(Resolved target, Elements element) {
        if (element != null) {
            sql.append('(').append(sub(element, target).expr()).append(" is not null)");
            return;
        }
        AttributeDef attr = target.attribute();
        if (attr.multiValued()) {
            Elements e = elements(target);
            if (target.sub() == null) {
                exists(e, null);
            } else {
                exists(e, () -> sql.append(sub(e, target).expr()).append(" is not null"));
            }
            return;
        }
        if (attr.isComplex() && target.sub() == null) {
            String prefix = target.key() + ".";
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, Column> c : mapping.columns().entrySet()) {
                if (c.getKey().startsWith(prefix)) {
                    parts.add(c.getValue().expr() + " is not null");
                }
            }
            if (parts.isEmpty()) {
                throw notFilterable(target);
            }
            parts.sort(null); // deterministic SQL text
            sql.append('(').append(String.join(" or ", parts)).append(')');
            return;
        }
        sql.append('(').append(column(target).expr()).append(" is not null)");
    }

    private void compare(BoundFilter.Compare c, Elements element) {
        if (element != null) {
            comparison(sub(element, c.target()), c.leaf(), c.op(), c.value());
            return;
        }
        if (c.target().attribute().multiValued()) {
            Elements e = elements(c.target());
            if (e.lowerCaseJsonb() != null && c.op() == Op.EQ && !c.leaf().caseExact() && c.value() instanceof Str) {
                containment(e, List.of(c));
            } else {
                exists(e, () -> comparison(sub(e, c.target()), c.leaf(), c.op(), c.value()));
            }
            return;
        }
        comparison(column(c.target()), c.leaf(), c.op(), c.value());
    }

    /** One two-valued comparison of a column with a bound literal. */
    private void comparison(Column col, AttributeDef leaf, Op op, Literal value) {
        String x = col.expr();
        switch (col.kind()) {
            case BOOLEAN -> {
                sql.append('(').append(x).append(" is not null and ").append(x).append(op == Op.EQ ? " = ?" : " <> ?").append(')');
                params.add(((Bool) value).value());
            }
            case TIMESTAMP -> {
                sql.append('(').append(x).append(" is not null and ").append(x).append(' ').append(sqlOperator(op)).append(" ?)");
                params.add(FilterBinder.instant(((Str) value).value(), leaf.name()).atOffset(ZoneOffset.UTC));
            }
            case UUID -> {
                String text = value instanceof Str s ? s.value() : String.valueOf(value);
                UUID id = uuid(text);
                if ((op == Op.EQ || op == Op.NE) && id != null) {
                    sql.append('(').append(x).append(" is not null and ").append(x).append(op == Op.EQ ? " = ?" : " <> ?").append(')');
                    params.add(id);
                } else {
                    text(new Column("cast(" + x + " as text)", Kind.TEXT), true, op, text);
                }
            }
            default -> {
                if (value instanceof Num n) {
                    throw ScimException.invalidFilter("cannot compare " + leaf.name() + " with the number " + n.value());
                }
                text(col, leaf.caseExact(), op, ((Str) value).value());
            }
        }
    }

    private void text(Column col, boolean caseExact, Op op, String value) {
        String x = caseExact ? col.expr() : "lower(" + col.expr() + ")";
        String p = caseExact ? "?" : "lower(?)";
        sql.append('(').append(col.expr()).append(" is not null and ");
        switch (op) {
            case CO -> sql.append("strpos(").append(x).append(", ").append(p).append(") > 0");
            case SW -> sql.append("starts_with(").append(x).append(", ").append(p).append(')');
            case EW -> {
                sql.append("right(").append(x).append(", char_length(?)) = ").append(p);
                params.add(value);
            }
            case EQ, NE -> sql.append(x).append(' ').append(sqlOperator(op)).append(' ').append(p);
            default -> sql.append(x).append(" collate \"C\" ").append(sqlOperator(op)).append(' ').append(p)
                    .append(" collate \"C\"");
        }
        sql.append(')');
        params.add(value);
    }

    /** {@code eq} on case-insensitive sub-attributes of one element: {@code col @> '[{...}]'}, lower-cased. */
    private void containment(Elements e, List<BoundFilter.Compare> eqs) {
        com.fasterxml.jackson.databind.node.ArrayNode array = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        com.fasterxml.jackson.databind.node.ObjectNode element = array.addObject();
        for (BoundFilter.Compare c : eqs) {
            element.put(c.target().sub().name().toLowerCase(Locale.ROOT), ((Str) c.value()).value());
        }
        sql.append('(').append(e.lowerCaseJsonb()).append(" @> cast(lower(?) as jsonb))");
        params.add(array.toString());
    }

    /** True when {@code f} is a conjunction of {@code eq} on distinct case-insensitive string sub-attributes. */
    private static boolean containable(BoundFilter f, List<BoundFilter.Compare> out) {
        if (f instanceof BoundFilter.And a) {
            return containable(a.left(), out) && containable(a.right(), out);
        }
        if (f instanceof BoundFilter.Compare c && c.op() == Op.EQ && c.value() instanceof Str
                && !c.leaf().caseExact() && c.target().sub() != null
                && c.leaf().type() == AttributeDef.Type.STRING) {
            for (BoundFilter.Compare seen : out) {
                if (seen.target().sub().name().equalsIgnoreCase(c.target().sub().name())) {
                    return false; // a jsonb object cannot hold the same key twice
                }
            }
            out.add(c);
            return true;
        }
        return false;
    }

    private void exists(Elements e, Runnable condition) {
        sql.append("exists (select 1 from ").append(e.from());
        boolean where = false;
        if (e.correlation() != null) {
            sql.append(" where ").append(e.correlation());
            where = true;
        }
        if (condition != null) {
            sql.append(where ? " and " : " where ");
            condition.run();
        }
        sql.append(')');
    }

    private Column column(Resolved target) {
        Column c = mapping.columns().get(target.key());
        if (c == null) {
            throw notFilterable(target);
        }
        return c;
    }

    private Elements elements(Resolved target) {
        String key = target.sub() == null ? target.key() : target.key().substring(0, target.key().lastIndexOf('.'));
        Elements e = mapping.elements().get(key);
        if (e == null) {
            throw notFilterable(target);
        }
        return e;
    }

    private static Column sub(Elements e, Resolved target) {
        Column c = e.subs().get(target.sub().key());
        if (c == null) {
            throw notFilterable(target);
        }
        return c;
    }

    private static ScimException notFilterable(Resolved target) {
        return ScimException.invalidFilter("this service cannot filter on " + target.key());
    }

    private static String sqlOperator(Op op) {
        return switch (op) {
            case EQ -> "=";
            case NE -> "<>";
            case GT -> ">";
            case GE -> ">=";
            case LT -> "<";
            case LE -> "<=";
            default -> throw new IllegalArgumentException(op.name());
        };
    }

    private static UUID uuid(String s) {
        try {
            UUID id = UUID.fromString(s);
            return id.toString().equals(s) ? id : null; // ids are caseExact: only the canonical form matches
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
