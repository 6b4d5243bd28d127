package dev.hubsso.scim.bulk;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubsso.scim.bulk.BulkOperation.Method;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.web.ScimExceptionMappers;
import java.util.List;

/**
 * The outcome of one bulk operation, as listed in the BulkResponse (RFC 7644 §3.7.3).
 *
 * @param index the operation's position in the request
 * @param method its method
 * @param bulkId its bulkId, or null
 * @param id the id of the resource it created or acted on, when known
 * @param location the resource's absolute URL; null for a failed POST
 * @param version the resource's ETag after the operation; null after a DELETE or a failure
 * @param status the HTTP status the single-resource request would have had
 * @param error the error of a failed operation, or null
 */
public record BulkResult(int index, Method method, String bulkId, String id, String location, String version,
        int status, ScimException error) {

    public boolean failed() {
        return error != null;
    }

    static BulkResult success(BulkOperation op, String id, String location, String version, int status) {
        return new BulkResult(op.index(), op.method(), op.bulkId(), id, location, version, status, null);
    }

    static BulkResult failure(BulkOperation op, String location, ScimException error) {
        return new BulkResult(op.index(), op.method(), op.bulkId(), null, location, null, error.status(), error);
    }

    /** This result as an element of the response's {@code Operations}. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("method", method.name());
        if (bulkId != null) {
            n.put("bulkId", bulkId);
        }
        if (version != null) {
            n.put("version", version);
        }
        if (location != null) {
            n.put("location", location);
        }
        n.put("status", String.valueOf(status));
        if (error != null) {
            ObjectNode response = n.putObject("response");
            response.putArray("schemas").add(ScimExceptionMappers.ERROR_SCHEMA);
            response.put("status", String.valueOf(error.status()));
            if (error.scimType() != null) {
                response.put("scimType", error.scimType().keyword());
            }
            response.put("detail", error.detail());
        }
        return n;
    }

    /** The BulkResponse listing {@code results}. */
    public static ObjectNode response(List<BulkResult> results) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.putArray("schemas").add(BulkRequest.RESPONSE_SCHEMA);
        var ops = n.putArray("Operations");
        results.forEach(r -> ops.add(r.toJson()));
        return n;
    }
}
