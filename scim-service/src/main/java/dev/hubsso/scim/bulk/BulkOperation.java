package dev.hubsso.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One operation of a BulkRequest (RFC 7644 §3.7), checked for shape but not yet resolved: its
 * {@code id} and {@code data} may still hold {@code bulkId:} references.
 *
 * @param index its position in the request, from 0
 * @param method what to do
 * @param bulkId the client's temporary id (required on POST, echoed otherwise), or null
 * @param version the {@code version} the client expects (checked like {@code If-Match}), or null
 * @param endpoint the resource type endpoint
 * @param id the resource id of a PUT / PATCH / DELETE (possibly {@code bulkId:...}); null on POST
 * @param data the body of a POST / PUT / PATCH; null on DELETE
 */
public record BulkOperation(int index, Method method, String bulkId, String version, Endpoint endpoint, String id,
        JsonNode data) {

    /** The methods a bulk operation may use. */
    public enum Method {
        POST, PUT, PATCH, DELETE
    }

    /** The resource type endpoints a bulk operation may target. */
    public enum Endpoint {
        USERS("Users"), GROUPS("Groups");

        private final String path;

        Endpoint(String path) {
            this.path = path;
        }

        /** The endpoint's name, as in {@code /Users}. */
        public String path() {
            return path;
        }
    }
}
