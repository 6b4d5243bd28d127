package dev.hubsso.scim.filter;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A SCIM filter (RFC 7644 §3.4.2.2) as an immutable tree. One parser ({@link FilterParser}) builds
 * it; one printer ({@link FilterPrinter}), one SQL translator ({@link FilterToSql}) and one
 * in-memory evaluator ({@link FilterEvaluator}) walk it. Attribute names keep the client's
 * spelling (printing gives them back); they are resolved case-insensitively.
 */
public sealed interface Filter permits Filter.And, Filter.Or, Filter.Not, Filter.Compare, Filter.Present,
        Filter.ValuePath {

    /** {@code left and right}. */
    record And(Filter left, Filter right) implements Filter {
        public And {
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }
    }

    /** {@code left or right}. */
    record Or(Filter left, Filter right) implements Filter {
        public Or {
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }
    }

    /** {@code not (inner)}. */
    record Not(Filter inner) implements Filter {
        public Not {
            Objects.requireNonNull(inner);
        }
    }

    /** {@code path op value}. */
    record Compare(AttrPath path, Op op, Literal value) implements Filter {
        public Compare {
            Objects.requireNonNull(path);
            Objects.requireNonNull(op);
            Objects.requireNonNull(value);
        }
    }

    /** {@code path pr}. */
    record Present(AttrPath path) implements Filter {
        public Present {
            Objects.requireNonNull(path);
        }
    }

    /**
     * {@code attribute[filter]}: some element of the multi-valued {@code attribute} matches
     * {@code filter}, whose paths name sub-attributes. The PATCH-path style
     * {@code emails[type eq "work"].value eq "x"} parses to
     * {@code emails[type eq "work" and value eq "x"]}.
     */
    record ValuePath(AttrPath attribute, Filter filter) implements Filter {
        public ValuePath {
            Objects.requireNonNull(attribute);
            Objects.requireNonNull(filter);
        }
    }

    /**
     * An attribute path {@code [urn:]name[.sub]}.
     *
     * @param urn the schema URN, or null
     * @param name the attribute name
     * @param sub the sub-attribute name, or null
     */
    record AttrPath(String urn, String name, String sub) {
        public AttrPath {
            Objects.requireNonNull(name);
        }

        public static AttrPath of(String name) {
            return new AttrPath(null, name, null);
        }

        @Override
        public String toString() {
            return (urn == null ? "" : urn + ":") + name + (sub == null ? "" : "." + sub);
        }
    }

    /** Comparison operators; clients may spell them in any case. */
    enum Op {
        EQ, NE, CO, SW, EW, GT, GE, LT, LE;

        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A comparison value: a JSON string, number, boolean or null. */
    sealed interface Literal permits Str, Num, Bool, Null {
    }

    record Str(String value) implements Literal {
        public Str {
            Objects.requireNonNull(value);
        }
    }

    record Num(BigDecimal value) implements Literal {
        public Num {
            Objects.requireNonNull(value);
        }
    }

    record Bool(boolean value) implements Literal {
    }

    record Null() implements Literal {
    }
}
