package dev.hubsso.scim.filter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubsso.scim.filter.Filter.Bool;
import dev.hubsso.scim.filter.Filter.Literal;
import dev.hubsso.scim.filter.Filter.Num;
import dev.hubsso.scim.filter.Filter.Op;
import dev.hubsso.scim.filter.Filter.Str;
import dev.hubsso.scim.schema.AttributeDef;
import dev.hubsso.scim.schema.ResourceSchema.Resolved;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates a bound filter against a resource in its SCIM JSON form (or, for value filters,
 * against one element of a multi-valued attribute). Same semantics as {@link FilterToSql}: a
 * comparison holds when some value of the attribute satisfies it (an absent attribute satisfies
 * none, {@code ne} included); strings compare per {@code caseExact}, ordered by code point;
 * dateTimes compare as instants.
 */
public final class FilterEvaluator {

    private FilterEvaluator() {
    }

    /** Whether {@code resource} (a SCIM resource as JSON) matches. */
    public static boolean matches(BoundFilter f, JsonNode resource) {
        return eval(f, resource, null);
    }

    /** Whether one element of a multi-valued attribute matches a filter bound with {@link FilterBinder#bindElementFilter}. */
    public static boolean matchesElement(BoundFilter f, JsonNode element) {
        return eval(f, null, element);
    }

    private static boolean eval(BoundFilter f, JsonNode resource, JsonNode element) {
        if (f instanceof BoundFilter.And a) {
            return eval(a.left(), resource, element) && eval(a.right(), resource, element);
        }
        if (f instanceof BoundFilter.Or o) {
            return eval(o.left(), resource, element) || eval(o.right(), resource, element);
        }
        if (f instanceof BoundFilter.Not n) {
            return !eval(n.inner(), resource, element);
        }
        if (f instanceof BoundFilter.AnyElement any) {
            for (JsonNode e : elements(attribute(resource, any.attribute()))) {
                if (eval(any.filter(), null, e)) {
                    return true;
                }
            }
            return false;
        }
        if (f instanceof BoundFilter.Present p) {
            for (JsonNode v : values(p.target(), resource, element)) {
                if (present(v)) {
                    return true;
                }
            }
            return false;
        }
        BoundFilter.Compare c = (BoundFilter.Compare) f;
        for (JsonNode v : values(c.target(), resource, element)) {
            if (present(v) && compare(c.leaf(), v, c.op(), c.value())) {
                return true;
            }
        }
        return false;
    }

    /** The values a path denotes: one per element for a multi-valued complex attribute. */
    private static List<JsonNode> values(Resolved target, JsonNode resource, JsonNode element) {
        List<JsonNode> out = new ArrayList<>();
        if (element != null) {
            out.add(member(element, target.sub().name()));
            return out;
        }
        JsonNode attr = attribute(resource, target);
        if (target.sub() == null) {
            out.add(attr);
            return out;
        }
        if (target.attribute().multiValued()) {
            for (JsonNode e : elements(attr)) {
                out.add(member(e, target.sub().name()));
            }
        } else if (attr != null && attr.isObject()) {
            out.add(member(attr, target.sub().name()));
        }
        return out;
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(out::add);
        }
        return out;
    }

    private static JsonNode attribute(JsonNode resource, Resolved target) {
        JsonNode container = resource;
        if (!target.schema().id().startsWith("urn:ietf:params:scim:schemas:core:")) {
            container = member(resource, target.schema().id());
        }
        return container == null ? null : member(container, target.attribute().name());
    }

    /** A member of an object, its name matched case-insensitively; null when absent. */
    static JsonNode member(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return null;
        }
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static boolean present(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return false;
        }
        if (v.isTextual()) {
            return !v.asText().isEmpty();
        }
        if (v.isArray()) {
            for (JsonNode e : v) {
                if (present(e)) {
                    return true;
                }
            }
            return false;
        }
        if (v.isObject()) {
            Iterator<JsonNode> it = v.elements();
            while (it.hasNext()) {
                if (present(it.next())) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    private static boolean compare(AttributeDef leaf, JsonNode v, Op op, Literal lit) {
        switch (leaf.type()) {
            case BOOLEAN: {
                if (!v.isBoolean()) {
                    return false;
                }
                boolean eq = v.booleanValue() == ((Bool) lit).value();
                return op == Op.EQ ? eq : !eq;
            }
            case DATE_TIME: {
                if (!v.isTextual()) {
                    return false;
                }
                Instant actual;
                try {
                    actual = Instant.parse(v.asText());
                } catch (DateTimeParseException e) {
                    return false;
                }
                return ordered(actual.compareTo(FilterBinder.instant(((Str) lit).value(), leaf.name())), op);
            }
            case INTEGER:
            case DECIMAL:
                return v.isNumber() && ordered(v.decimalValue().compareTo(((Num) lit).value()), op);
            default: {
                if (!v.isTextual()) {
                    return false;
                }
                String actual = v.asText();
                String expected = ((Str) lit).value();
                if (!leaf.caseExact()) {
                    actual = actual.toLowerCase(Locale.ROOT);
                    expected = expected.toLowerCase(Locale.ROOT);
                }
                switch (op) {
                    case CO:
                        return actual.contains(expected);
                    case SW:
                        return actual.startsWith(expected);
                    case EW:
                        return actual.endsWith(expected);
                    default:
                        return ordered(compareCodePoints(actual, expected), op);
                }
            }
        }
    }

    private static boolean ordered(int cmp, Op op) {
        switch (op) {
            case EQ:
                return cmp == 0;
            case NE:
                return cmp != 0;
            case GT:
                return cmp > 0;
            case GE:
                return cmp >= 0;
            case LT:
                return cmp < 0;
            case LE:
                return cmp <= 0;
            default:
                return false;
        }
    }

    /** Code point order, as PostgreSQL's "C" collation orders UTF-8. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
