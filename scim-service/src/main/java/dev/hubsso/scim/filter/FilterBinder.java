package dev.hubsso.scim.filter;

import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.filter.Filter.AttrPath;
import dev.hubsso.scim.filter.Filter.Bool;
import dev.hubsso.scim.filter.Filter.Literal;
import dev.hubsso.scim.filter.Filter.Null;
import dev.hubsso.scim.filter.Filter.Num;
import dev.hubsso.scim.filter.Filter.Op;
import dev.hubsso.scim.filter.Filter.Str;
import dev.hubsso.scim.schema.AttributeDef;
import dev.hubsso.scim.schema.AttributeDef.Returned;
import dev.hubsso.scim.schema.AttributeDef.Type;
import dev.hubsso.scim.schema.ResourceSchema;
import dev.hubsso.scim.schema.ResourceSchema.Resolved;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Checks a parsed filter against a resource schema. Unknown attributes, comparisons a type does
 * not have ({@code gt} on a boolean, {@code co} on a dateTime), values of the wrong type and
 * malformed dateTimes are 400 {@code invalidFilter}. {@code x eq null} becomes "x is absent",
 * {@code x ne null} "x is present"; a comparison on a multi-valued complex attribute without a
 * sub-attribute compares its {@code value} (RFC 7644 §3.4.2.2).
 */
public final class FilterBinder {

    private FilterBinder() {
    }

    public static BoundFilter bind(Filter f, ResourceSchema schema) {
        return bind(f, schema, null);
    }

    /** Parses and binds. */
    public static BoundFilter parse(String filter, ResourceSchema schema) {
        return bind(FilterParser.parse(filter), schema);
    }

    /**
     * Binds the filter of a value path ({@code emails[...]}, also PATCH paths) against the
     * sub-attributes of {@code multiValued}.
     */
    public static BoundFilter bindElementFilter(Filter f, ResourceSchema schema, Resolved multiValued) {
        return bind(f, schema, multiValued);
    }

    private static BoundFilter bind(Filter f, ResourceSchema schema, Resolved element) {
        if (f instanceof Filter.And a) {
            return new BoundFilter.And(bind(a.left(), schema, element), bind(a.right(), schema, element));
        }
        if (f instanceof Filter.Or o) {
            return new BoundFilter.Or(bind(o.left(), schema, element), bind(o.right(), schema, element));
        }
        if (f instanceof Filter.Not n) {
            return new BoundFilter.Not(bind(n.inner(), schema, element));
        }
        if (f instanceof Filter.Present p) {
            return new BoundFilter.Present(resolve(p.path(), schema, element));
        }
        if (f instanceof Filter.ValuePath vp) {
            Resolved attr = resolve(vp.attribute(), schema, null);
            if (!attr.attribute().isComplex() || !attr.attribute().multiValued() || attr.sub() != null) {
                throw ScimException.invalidFilter(vp.attribute() + " is not a multi-valued complex attribute");
            }
            return new BoundFilter.AnyElement(attr, bind(vp.filter(), schema, attr));
        }
        Filter.Compare c = (Filter.Compare) f;
        Resolved target = resolve(c.path(), schema, element);
        if (target.sub() == null && target.attribute().isComplex()) {
            AttributeDef value = target.attribute().multiValued() ? target.attribute().sub("value") : null;
            if (value == null) {
                throw ScimException.invalidFilter(c.path() + " is complex: compare one of its sub-attributes");
            }
            target = new Resolved(target.schema(), target.attribute(), value);
        }
        if (c.value() instanceof Null) {
            if (c.op() == Op.EQ) {
                return new BoundFilter.Not(new BoundFilter.Present(target));
            }
            if (c.op() == Op.NE) {
                return new BoundFilter.Present(target);
            }
            throw ScimException.invalidFilter("null can only be compared with eq or ne: " + c.path());
        }
        return new BoundFilter.Compare(target, c.op(), coerce(target.leaf(), c.op(), c.value(), c.path()));
    }

    private static Resolved resolve(AttrPath p, ResourceSchema schema, Resolved element) {
        Resolved r;
        if (element != null) {
            if (p.urn() != null || p.sub() != null) {
                throw ScimException.invalidFilter("inside " + element.attribute().name()
                        + "[...] name its sub-attributes only: " + p);
            }
            AttributeDef sub = element.attribute().sub(p.name());
            if (sub == null) {
                throw ScimException.invalidFilter(element.attribute().name() + " has no sub-attribute " + p.name());
            }
            r = new Resolved(element.schema(), element.attribute(), sub);
        } else {
            r = schema.resolve(p.urn(), p.name(), p.sub());
            if (r == null) {
                throw ScimException.invalidFilter("unknown attribute " + p);
            }
        }
        if (r.leaf().returned() == Returned.NEVER || r.attribute().returned() == Returned.NEVER) {
            throw ScimException.invalidFilter(p + " cannot be filtered on");
        }
        return r;
    }

    private static Literal coerce(AttributeDef leaf, Op op, Literal value, AttrPath path) {
        Type type = leaf.type();
        switch (type) {
            case BOOLEAN:
                if (op != Op.EQ && op != Op.NE) {
                    throw ScimException.invalidFilter(op.keyword() + " is not defined for the boolean " + path);
                }
                if (value instanceof Bool) {
                    return value;
                }
                if (value instanceof Str s && (s.value().equalsIgnoreCase("true") || s.value().equalsIgnoreCase("false"))) {
                    return new Bool(Boolean.parseBoolean(s.value().toLowerCase()));
                }
                throw ScimException.invalidFilter(path + " is a boolean: compare it with true or false");
            case DATE_TIME:
                if (op == Op.CO || op == Op.SW || op == Op.EW) {
                    throw ScimException.invalidFilter(op.keyword() + " is not defined for the dateTime " + path);
                }
                if (value instanceof Str s) {
                    instant(s.value(), path);
                    return value;
                }
                throw ScimException.invalidFilter(path + " is a dateTime: compare it with an xsd:dateTime string");
            case INTEGER:
            case DECIMAL:
                if (op == Op.CO || op == Op.SW || op == Op.EW) {
                    throw ScimException.invalidFilter(op.keyword() + " is not defined for the number " + path);
                }
                if (value instanceof Num) {
                    return value;
                }
                throw ScimException.invalidFilter(path + " is a number: compare it with a number");
            default:
                if (value instanceof Str) {
                    return value;
                }
                throw ScimException.invalidFilter(path + " is a string: compare it with a quoted string");
        }
    }

    /** An xsd:dateTime as an instant; a time without offset is UTC. */
    public static Instant instant(String text, Object path) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw ScimException.invalidFilter("not an xsd:dateTime for " + path + ": " + text);
            }
        }
    }
}
