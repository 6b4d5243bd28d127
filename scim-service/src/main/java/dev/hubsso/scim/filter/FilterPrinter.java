package dev.hubsso.scim.filter;

import dev.hubsso.scim.filter.Filter.And;
import dev.hubsso.scim.filter.Filter.Bool;
import dev.hubsso.scim.filter.Filter.Compare;
import dev.hubsso.scim.filter.Filter.Literal;
import dev.hubsso.scim.filter.Filter.Not;
import dev.hubsso.scim.filter.Filter.Num;
import dev.hubsso.scim.filter.Filter.Or;
import dev.hubsso.scim.filter.Filter.Present;
import dev.hubsso.scim.filter.Filter.Str;
import dev.hubsso.scim.filter.Filter.ValuePath;

/**
 * Prints a filter in RFC 7644 syntax with as few parentheses as the tree needs, so that
 * {@code parse(print(f))} equals {@code f}.
 */
public final class FilterPrinter {

    private FilterPrinter() {
    }

    public static String print(Filter f) {
        StringBuilder out = new StringBuilder();
        print(f, out);
        return out.toString();
    }

    private static void print(Filter f, StringBuilder out) {
        if (f instanceof Or or) {
            child(or.left(), 0, false, out);
            out.append(" or ");
            child(or.right(), 0, true, out);
        } else if (f instanceof And and) {
            child(and.left(), 1, false, out);
            out.append(" and ");
            child(and.right(), 1, true, out);
        } else if (f instanceof Not not) {
            out.append("not (");
            print(not.inner(), out);
            out.append(')');
        } else if (f instanceof Present pr) {
            out.append(pr.path()).append(" pr");
        } else if (f instanceof Compare c) {
            out.append(c.path()).append(' ').append(c.op().keyword()).append(' ');
            literal(c.value(), out);
        } else if (f instanceof ValuePath vp) {
            out.append(vp.attribute()).append('[');
            print(vp.filter(), out);
            out.append(']');
        }
    }

    /** Parenthesizes a child that binds looser than its parent, or a right child of the same level (left-associative). */
    private static void child(Filter c, int parentPrecedence, boolean right, StringBuilder out) {
        int p = c instanceof Or ? 0 : c instanceof And ? 1 : 2;
        boolean parens = p < parentPrecedence || (right && p == parentPrecedence);
        if (parens) {
            out.append('(');
        }
        print(c, out);
        if (parens) {
            out.append(')');
        }
    }

    /** A literal in filter syntax (strings as JSON strings). */
    public static String literal(Literal l) {
        StringBuilder out = new StringBuilder();
        literal(l, out);
        return out.toString();
    }

    private static void literal(Literal l, StringBuilder out) {
        if (l instanceof Str s) {
            quote(s.value(), out);
        } else if (l instanceof Num n) {
            out.append(n.value().toString());
        } else if (l instanceof Bool b) {
            out.append(b.value());
        } else {
            out.append("null");
        }
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
