package dev.hubsso.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubsso.scim.bulk.BulkOperation.Endpoint;
import dev.hubsso.scim.bulk.BulkOperation.Method;
import dev.hubsso.scim.error.ScimException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A BulkRequest (RFC 7644 §3.7) whose envelope was checked: every operation has a known method, a
 * path to {@code /Users} or {@code /Groups} (with an id unless it is a POST), a {@code bulkId} if
 * it is a POST (unique in the request), and a JSON object as {@code data} unless it is a DELETE.
 * An envelope that breaks these rules is refused as a whole before anything runs; what the
 * resources themselves refuse (a bad User, an unknown id...) fails only its own operation.
 * Member names are matched case-insensitively. Framework-free.
 *
 * @param failOnErrors stop after this many failed operations; null: never stop
 * @param operations the operations in request order
 */
public record BulkRequest(Integer failOnErrors, List<BulkOperation> operations) {

    public static final String REQUEST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    public static final String RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";

    private static final Pattern PATH = Pattern.compile("^/?([A-Za-z]+)(?:/([^/?#]+))?/?$");

    /**
     * Reads a BulkRequest body.
     *
     * @param maxOperations the most operations accepted
     * @throws ScimException 413 for more than {@code maxOperations} operations; 400
     *     {@code invalidSyntax} without an {@code Operations} array or for a non-object operation or
     *     data, {@code invalidPath} for a path that is not a Users / Groups resource or endpoint,
     *     {@code invalidValue} for an unknown method, a missing or repeated POST bulkId or a bad
     *     {@code failOnErrors}
     */
    public static BulkRequest parse(JsonNode body, int maxOperations) {
        JsonNode ops = member(body, "Operations");
        if (ops == null || !ops.isArray()) {
            throw ScimException.invalidSyntax("a BulkRequest needs an Operations array");
        }
        if (ops.size() > maxOperations) {
            throw new ScimException(413, null, "the bulk request has " + ops.size()
                    + " operations, more than maxOperations (" + maxOperations + ")");
        }
        Integer failOnErrors = failOnErrors(member(body, "failOnErrors"));
        List<BulkOperation> operations = new ArrayList<>(ops.size());
        Set<String> bulkIds = new HashSet<>();
        for (int i = 0; i < ops.size(); i++) {
            BulkOperation op = operation(i, ops.get(i));
            if (op.method() == Method.POST && !bulkIds.add(op.bulkId())) {
                throw ScimException.invalidValue(where(i) + "bulkId '" + op.bulkId() + "' is used by another POST");
            }
            operations.add(op);
        }
        return new BulkRequest(failOnErrors, List.copyOf(operations));
    }

    private static Integer failOnErrors(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        int value;
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            value = node.intValue();
        } else if (node.isTextual() && node.asText().strip().matches("\\d{1,9}")) {
            value = Integer.parseInt(node.asText().strip());
        } else {
            throw ScimException.invalidValue("failOnErrors must be a positive integer");
        }
        if (value < 1) {
            throw ScimException.invalidValue("failOnErrors must be a positive integer");
        }
        return value;
    }

    private static BulkOperation operation(int i, JsonNode node) {
        if (!node.isObject()) {
            throw ScimException.invalidSyntax(where(i) + "an operation must be a JSON object");
        }
        Method method = method(i, member(node, "method"));
        JsonNode pathNode = member(node, "path");
        if (pathNode == null || !pathNode.isTextual()) {
            throw ScimException.invalidPath(where(i) + "path is required");
        }
        Matcher m = PATH.matcher(pathNode.asText().strip());
        Endpoint endpoint = m.matches() ? endpoint(m.group(1)) : null;
        if (endpoint == null) {
            throw ScimException.invalidPath(where(i) + "path '" + pathNode.asText()
                    + "' is not /Users, /Groups, /Users/{id} or /Groups/{id}");
        }
        String id = m.group(2);
        if (method == Method.POST && id != null) {
            throw ScimException.invalidPath(where(i) + "a POST goes to /" + endpoint.path() + ", without an id");
        }
        if (method != Method.POST && id == null) {
            throw ScimException.invalidPath(where(i) + "a " + method + " needs the resource's path, /" + endpoint.path()
                    + "/{id}");
        }
        String bulkId = text(member(node, "bulkId"));
        if (method == Method.POST && (bulkId == null || bulkId.isBlank())) {
            throw ScimException.invalidValue(where(i) + "a POST needs a bulkId");
        }
        JsonNode data = member(node, "data");
        if (method == Method.DELETE) {
            data = null;
        } else if (data == null || !data.isObject()) {
            throw ScimException.invalidSyntax(where(i) + "a " + method + " needs data, a JSON object");
        }
        return new BulkOperation(i, method, bulkId, text(member(node, "version")), endpoint, id, data);
    }

    private static Method method(int i, JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw ScimException.invalidValue(where(i) + "method is required (POST, PUT, PATCH or DELETE)");
        }
        try {
            return Method.valueOf(node.asText().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ScimException.invalidValue(where(i) + "unsupported method '" + node.asText()
                    + "'; expected POST, PUT, PATCH or DELETE");
        }
    }

    private static Endpoint endpoint(String name) {
        for (Endpoint e : Endpoint.values()) {
            if (e.path().equalsIgnoreCase(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String where(int i) {
        return "Operations[" + i + "]: ";
    }

    /** A member by name, case-insensitively (SCIM attribute names are). */
    static JsonNode member(JsonNode object, String name) {
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
