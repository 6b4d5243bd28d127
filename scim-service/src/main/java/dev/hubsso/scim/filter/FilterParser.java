package dev.hubsso.scim.filter;

import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.filter.Filter.AttrPath;
import dev.hubsso.scim.filter.Filter.Bool;
import dev.hubsso.scim.filter.Filter.Literal;
import dev.hubsso.scim.filter.Filter.Num;
import dev.hubsso.scim.filter.Filter.Op;
import dev.hubsso.scim.filter.Filter.Str;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses RFC 7644 §3.4.2.2 filters: a tokenizer, then precedence climbing over the logical
 * operators ({@code not} binds tighter than {@code and}, which binds tighter than {@code or};
 * parentheses group). Keywords and operators are case-insensitive; strings are JSON strings
 * (escaped quotes and {@code \\uXXXX} included). Anything else is 400 {@code invalidFilter}, never
 * "all rows".
 */
public final class FilterParser {

    /** Longest filter accepted; a longer one is a client bug or an attack. */
    public static final int MAX_LENGTH = 10_000;
    /** Deepest nesting accepted (parentheses and not), so the recursion stays bounded. */
    public static final int MAX_DEPTH = 50;

    private static final String NAME = "[A-Za-z$][A-Za-z0-9_$-]*";
    private static final Pattern ATTR_PATH = Pattern.compile("(?i)(urn:[A-Za-z0-9][A-Za-z0-9-]*(?::[A-Za-z0-9()+,.=@;$_!*'%/?#-]+)+:)?"
            + NAME + "(\\." + NAME + ")?");
    private static final Pattern SUB_ATTR = Pattern.compile("\\." + NAME);
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private enum Kind { LPAREN, RPAREN, LBRACKET, RBRACKET, STRING, WORD, END }

    private record Token(Kind kind, String text, int at) {
    }

    private final String input;
    private final List<Token> tokens;
    private int pos;

    private FilterParser(String input) {
        this.input = input;
        this.tokens = tokenize(input);
    }

    /** Parses a filter; 400 {@code invalidFilter} for anything that is not one. */
    public static Filter parse(String filter) {
        if (filter == null || filter.isBlank()) {
            throw ScimException.invalidFilter("empty filter");
        }
        if (filter.length() > MAX_LENGTH) {
            throw ScimException.invalidFilter("filter longer than " + MAX_LENGTH + " characters");
        }
        FilterParser p = new FilterParser(filter);
        Filter f = p.expression(0, 0, false);
        p.expect(Kind.END, "end of filter");
        return f;
    }

    // ------------------------------------------------------------------ precedence climbing

    private static int precedence(Token t) {
        if (t.kind != Kind.WORD) {
            return -1;
        }
        if (t.text.equalsIgnoreCase("or")) {
            return 0;
        }
        if (t.text.equalsIgnoreCase("and")) {
            return 1;
        }
        return -1;
    }

    /** An expression whose binary operators bind at least as tightly as {@code minPrecedence}. */
    private Filter expression(int minPrecedence, int depth, boolean inValuePath) {
        if (depth > MAX_DEPTH) {
            throw error("filter nested too deeply");
        }
        Filter left = unary(depth, inValuePath);
        while (true) {
            int prec = precedence(peek());
            if (prec < minPrecedence) {
                return left;
            }
            next();
            Filter right = expression(prec + 1, depth + 1, inValuePath);
            left = prec == 0 ? new Filter.Or(left, right) : new Filter.And(left, right);
        }
    }

    private Filter unary(int depth, boolean inValuePath) {
        Token t = peek();
        if (t.kind == Kind.LPAREN) {
            next();
            Filter inner = expression(0, depth + 1, inValuePath);
            expect(Kind.RPAREN, "')'");
            return inner;
        }
        if (t.kind == Kind.WORD && t.text.equalsIgnoreCase("not") && tokens.get(pos + 1).kind == Kind.LPAREN) {
            next();
            next();
            Filter inner = expression(0, depth + 1, inValuePath);
            expect(Kind.RPAREN, "')'");
            return new Filter.Not(inner);
        }
        return attributeExpression(depth, inValuePath);
    }

    private Filter attributeExpression(int depth, boolean inValuePath) {
        Token t = next();
        if (t.kind != Kind.WORD || !ATTR_PATH.matcher(t.text).matches()) {
            throw error("expected an attribute path at position " + (t.at + 1));
        }
        AttrPath path = attrPath(t.text);
        if (peek().kind == Kind.LBRACKET) {
            if (inValuePath) {
                throw error("value filters cannot be nested");
            }
            if (path.sub() != null) {
                throw error("a value filter applies to an attribute, not a sub-attribute: " + path);
            }
            next();
            Filter inner = expression(0, depth + 1, true);
            expect(Kind.RBRACKET, "']'");
            Token after = peek();
            if (after.kind == Kind.WORD && after.text.startsWith(".")) {
                // PATCH-path style emails[type eq "work"].value eq "x": the same as
                // emails[type eq "work" and value eq "x"]
                next();
                if (!SUB_ATTR.matcher(after.text).matches()) {
                    throw error("bad sub-attribute " + after.text);
                }
                AttrPath sub = AttrPath.of(after.text.substring(1));
                inner = new Filter.And(inner, comparison(sub));
            }
            return new Filter.ValuePath(path, inner);
        }
        return comparison(path);
    }

    private Filter comparison(AttrPath path) {
        Token op = next();
        if (op.kind != Kind.WORD) {
            throw error("expected an operator after " + path);
        }
        String keyword = op.text.toLowerCase(Locale.ROOT);
        if (keyword.equals("pr")) {
            return new Filter.Present(path);
        }
        Op operator;
        try {
            operator = Op.valueOf(keyword.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw error("unknown operator '" + op.text + "'");
        }
        return new Filter.Compare(path, operator, literal());
    }

    private Literal literal() {
        Token t = next();
        if (t.kind == Kind.STRING) {
            return new Str(t.text);
        }
        if (t.kind == Kind.WORD) {
            String w = t.text.toLowerCase(Locale.ROOT);
            switch (w) {
                case "true":
                    return new Bool(true);
                case "false":
                    return new Bool(false);
                case "null":
                    return new Filter.Null();
                default:
                    if (NUMBER.matcher(t.text).matches()) {
                        return new Num(new BigDecimal(t.text));
                    }
            }
        }
        throw error("expected a value (string, number, true, false or null) at position " + (t.at + 1));
    }

    private static AttrPath attrPath(String text) {
        String urn = null;
        String rest = text;
        if (text.regionMatches(true, 0, "urn:", 0, 4)) {
            int colon = text.lastIndexOf(':');
            urn = text.substring(0, colon);
            rest = text.substring(colon + 1);
        }
        int dot = rest.indexOf('.');
        return dot < 0 ? new AttrPath(urn, rest, null)
                : new AttrPath(urn, rest.substring(0, dot), rest.substring(dot + 1));
    }

    // ------------------------------------------------------------------ tokens

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind != Kind.END) {
            pos++;
        }
        return t;
    }

    private void expect(Kind kind, String what) {
        Token t = next();
        if (t.kind != kind) {
            throw error("expected " + what + (t.kind == Kind.END ? " before the end" : " at position " + (t.at + 1)));
        }
    }

    private ScimException error(String detail) {
        return ScimException.invalidFilter(detail + ": " + abbreviate(input));
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                out.add(new Token(Kind.LPAREN, "(", i++));
            } else if (c == ')') {
                out.add(new Token(Kind.RPAREN, ")", i++));
            } else if (c == '[') {
                out.add(new Token(Kind.LBRACKET, "[", i++));
            } else if (c == ']') {
                out.add(new Token(Kind.RBRACKET, "]", i++));
            } else if (c == '"') {
                int start = i;
                StringBuilder value = new StringBuilder();
                i = string(s, i + 1, value);
                out.add(new Token(Kind.STRING, value.toString(), start));
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "()[]\"".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                out.add(new Token(Kind.WORD, s.substring(start, i), start));
            }
        }
        out.add(new Token(Kind.END, "", s.length()));
        return out;
    }

    /** Reads a JSON string body from {@code i} (after the opening quote); returns the index after the closing quote. */
    private static int string(String s, int i, StringBuilder out) {
        while (i < s.length()) {
            char ch = s.charAt(i++);
            if (ch == '"') {
                return i;
            }
            if (ch != '\\') {
                out.append(ch);
                continue;
            }
            if (i >= s.length()) {
                break;
            }
            char e = s.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw ScimException.invalidFilter("bad \\u escape in filter: " + abbreviate(s));
                    }
                    String hex = s.substring(i, i + 4);
                    if (!hex.matches("[0-9A-Fa-f]{4}")) {
                        throw ScimException.invalidFilter("bad \\u escape in filter: " + abbreviate(s));
                    }
                    out.append((char) Integer.parseInt(hex, 16));
                    i += 4;
                }
                default -> throw ScimException.invalidFilter("bad escape \\" + e + " in filter: " + abbreviate(s));
            }
        }
        throw ScimException.invalidFilter("unterminated string in filter: " + abbreviate(s));
    }
}
