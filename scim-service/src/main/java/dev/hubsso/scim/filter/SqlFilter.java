package dev.hubsso.scim.filter;

import java.util.List;

/**
 * A SQL condition with JDBC-style {@code ?} placeholders and the values to bind, in order. The
 * condition never contains a client-supplied literal.
 */
public record SqlFilter(String sql, List<Object> params) {

    public SqlFilter {
        params = List.copyOf(params);
    }

    /** The condition with PostgreSQL-native {@code $n} placeholders, numbered from {@code first}. */
    public String numbered(int first) {
        StringBuilder out = new StringBuilder();
        int n = first;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '?') {
                out.append('$').append(n++);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
