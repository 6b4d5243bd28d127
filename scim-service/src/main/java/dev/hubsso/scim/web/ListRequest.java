package dev.hubsso.scim.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubsso.scim.error.ScimException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of a list or search request (RFC 7644 §3.4.2, §3.4.3), from a query string or a
 * {@code SearchRequest} body. {@code startIndex} below 1 is 1; {@code count} below 0 is 0 and
 * above the advertised maximum is the maximum.
 *
 * @param filter the filter, or null
 * @param startIndex 1-based index of the first result
 * @param count largest number of results
 * @param sortBy attribute to sort by, or null
 * @param descending sortOrder descending
 * @param attributes the attributes parameter, or null
 * @param excludedAttributes the excludedAttributes parameter, or null
 */
public record ListRequest(String filter, int startIndex, int count, String sortBy, boolean descending,
        String attributes, String excludedAttributes) {

    public static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

    /** From query parameters. */
    public static ListRequest of(String filter, String startIndex, String count, String sortBy, String sortOrder,
            String attributes, String excludedAttributes, int maxResults) {
        int start = Math.max(1, integer(startIndex, 1, "startIndex"));
        int size = Math.min(maxResults, Math.max(0, integer(count, maxResults, "count")));
        return new ListRequest(blankToNull(filter), start, size, blankToNull(sortBy), descending(sortOrder),
                blankToNull(attributes), blankToNull(excludedAttributes));
    }

    /** From a {@code POST .search} body. */
    public static ListRequest ofSearchBody(JsonNode body, int maxResults) {
        return of(text(body, "filter"), text(body, "startIndex"), text(body, "count"), text(body, "sortBy"),
                text(body, "sortOrder"), list(body, "attributes"), list(body, "excludedAttributes"), maxResults);
    }

    private static boolean descending(String sortOrder) {
        if (sortOrder == null || sortOrder.isBlank()) {
            return false;
        }
        String s = sortOrder.strip().toLowerCase(Locale.ROOT);
        if (s.equals("ascending")) {
            return false;
        }
        if (s.equals("descending")) {
            return true;
        }
        throw ScimException.invalidValue("sortOrder must be ascending or descending");
    }

    private static String text(JsonNode body, String name) {
        JsonNode n = member(body, name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isValueNode()) {
            return n.asText();
        }
        throw ScimException.invalidValue(name + " must be a string or a number");
    }

    private static String list(JsonNode body, String name) {
        JsonNode n = member(body, name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isArray()) {
            StringBuilder out = new StringBuilder();
            for (JsonNode e : n) {
                if (!e.isTextual()) {
                    throw ScimException.invalidValue(name + " must be an array of strings");
                }
                if (out.length() > 0) {
                    out.append(',');
                }
                out.append(e.asText());
            }
            return out.toString();
        }
        if (n.isTextual()) {
            return n.asText();
        }
        throw ScimException.invalidValue(name + " must be an array of strings");
    }

    private static JsonNode member(JsonNode object, String name) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().equalsIgnoreCase(name)) {
                return f.getValue();
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static int integer(String value, int absent, String name) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            long v = Long.parseLong(value.strip());
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue(name + " must be an integer");
        }
    }
}
