package dev.hubsso.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubsso.scim.error.ScimException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One operation of a PATCH request (RFC 7644 §3.5.2).
 *
 * @param op what to do
 * @param path the target, or null for the resource itself
 * @param value the value; null when the request has none (a JSON {@code null} stays a NullNode)
 */
public record PatchOperation(Op op, AttributePath path, JsonNode value) {

    /** The three PATCH operations; clients send them in any case (Entra: {@code Replace}). */
    public enum Op {
        ADD, REMOVE, REPLACE
    }

    /**
     * Reads the {@code Operations} of a PatchOp request body, in order. Member names are matched
     * case-insensitively (SCIM attribute names are case-insensitive).
     *
     * @throws ScimException invalidSyntax for a malformed request, invalidPath for a bad path,
     *     noTarget for a remove without path
     */
    public static List<PatchOperation> parseRequest(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("a PATCH body must be a JSON object with Operations");
        }
        JsonNode ops = member(body, "Operations");
        if (ops == null || !ops.isArray() || ops.isEmpty()) {
            throw ScimException.invalidSyntax("Operations must be a non-empty array");
        }
        List<PatchOperation> result = new ArrayList<>();
        for (JsonNode node : ops) {
            result.add(parse(node));
        }
        return result;
    }

    static PatchOperation parse(JsonNode node) {
        if (!node.isObject()) {
            throw ScimException.invalidSyntax("each operation must be a JSON object");
        }
        JsonNode opNode = member(node, "op");
        if (opNode == null || !opNode.isTextual()) {
            throw ScimException.invalidSyntax("operation without op");
        }
        Op op;
        try {
            op = Op.valueOf(opNode.asText().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ScimException.invalidSyntax("unknown op '" + opNode.asText() + "'; expected add, remove or replace");
        }
        JsonNode pathNode = member(node, "path");
        AttributePath path = null;
        if (pathNode != null && !pathNode.isNull()) {
            if (!pathNode.isTextual()) {
                throw ScimException.invalidPath("path must be a string");
            }
            if (!pathNode.asText().isBlank()) {
                path = AttributePath.parse(pathNode.asText());
            }
        }
        JsonNode value = member(node, "value");
        if (op == Op.REMOVE && path == null) {
            throw ScimException.noTarget("remove requires a path");
        }
        if (op != Op.REMOVE && value == null) {
            throw ScimException.invalidSyntax(op.name().toLowerCase(Locale.ROOT) + " requires a value");
        }
        return new PatchOperation(op, path, value);
    }

    /** A member of a JSON object, its name matched case-insensitively. */
    static JsonNode member(JsonNode object, String name) {
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().equalsIgnoreCase(name)) {
                return f.getValue();
            }
        }
        return null;
    }
}
