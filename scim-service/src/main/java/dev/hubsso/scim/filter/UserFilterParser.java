package dev.hubsso.scim.filter;

import dev.hubsso.scim.error.ScimException;
import java.util.Locale;

/**
 * Parses {@code userName eq "x"} and {@code externalId eq "x"} (attribute names and the operator
 * case-insensitive, optionally fully qualified with the core User schema URN, JSON string
 * escapes in the value). Anything else is {@code invalidFilter}: never "all rows".
 */
public final class UserFilterParser {

    private static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:user:";

    private UserFilterParser() {
    }

    public static UserFilter parse(String filter) {
        if (filter == null || filter.isBlank()) {
            throw ScimException.invalidFilter("empty filter");
        }
        Cursor c = new Cursor(filter);
        c.skipSpaces();
        String attribute = c.word();
        c.requireSpace();
        String op = c.word();
        c.requireSpace();
        String value = c.quoted();
        c.skipSpaces();
        if (!c.atEnd()) {
            throw unsupported(filter);
        }
        if (!op.equalsIgnoreCase("eq")) {
            throw unsupported(filter);
        }
        String name = attribute.toLowerCase(Locale.ROOT);
        if (name.startsWith(CORE_USER)) {
            name = name.substring(CORE_USER.length());
        }
        if (name.equals("username")) {
            return new UserFilter(UserFilter.Attribute.USER_NAME, value);
        }
        if (name.equals("externalid")) {
            return new UserFilter(UserFilter.Attribute.EXTERNAL_ID, value);
        }
        throw unsupported(filter);
    }

    private static ScimException unsupported(String filter) {
        return ScimException.invalidFilter(
                "unsupported filter; supported: userName eq \"...\" and externalId eq \"...\": " + filter);
    }

    private static final class Cursor {
        private final String s;
        private int i;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return i >= s.length();
        }

        void skipSpaces() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        void requireSpace() {
            int start = i;
            skipSpaces();
            if (i == start) {
                throw unsupported(s);
            }
        }

        String word() {
            int start = i;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '"') {
                i++;
            }
            if (i == start) {
                throw unsupported(s);
            }
            return s.substring(start, i);
        }

        String quoted() {
            if (atEnd() || s.charAt(i) != '"') {
                throw ScimException.invalidFilter("expected a quoted string value: " + s);
            }
            i++;
            StringBuilder out = new StringBuilder();
            while (i < s.length()) {
                char ch = s.charAt(i++);
                if (ch == '"') {
                    return out.toString();
                }
                if (ch != '\\') {
                    out.append(ch);
                    continue;
                }
                if (atEnd()) {
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
                            throw ScimException.invalidFilter("bad \\u escape in filter: " + s);
                        }
                        try {
                            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw ScimException.invalidFilter("bad \\u escape in filter: " + s);
                        }
                        i += 4;
                    }
                    default -> throw ScimException.invalidFilter("bad escape in filter: " + s);
                }
            }
            throw ScimException.invalidFilter("unterminated string in filter: " + s);
        }
    }
}
