package dev.hubsso.scim.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.schema.SchemaDef;
import dev.hubsso.scim.web.ScimMediaType;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * {@code /scim/v2/{org}/Schemas} (RFC 7644 §4, RFC 7643 §7): the schemas of the served resource
 * types, attribute by attribute, from the definitions the filter, PATCH and projection code use.
 * Read-only: other methods are 405.
 */
@Path("/scim/v2/{org}/Schemas")
@Produces({ ScimMediaType.SCIM_JSON, ScimMediaType.JSON })
public class SchemaResource {

    private final DiscoveryAccess access;

    public SchemaResource(DiscoveryAccess access) {
        this.access = access;
    }

    /** Every schema served, as a list response. */
    @GET
    public Response list(@PathParam("org") String org, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uri) {
        access.authenticate(org, authorization);
        String base = access.base(uri, org);
        List<ObjectNode> schemas = DiscoveryDocuments.schemas().stream()
                .map(s -> DiscoveryDocuments.schema(s, base)).toList();
        return DiscoveryAccess.ok(DiscoveryDocuments.list(schemas));
    }

    /** One schema by URN (case-insensitive); 404 when it is not served. */
    @GET
    @Path("{urn}")
    public Response get(@PathParam("org") String org, @PathParam("urn") String urn,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri) {
        access.authenticate(org, authorization);
        SchemaDef schema = DiscoveryDocuments.schema(urn);
        if (schema == null) {
            throw ScimException.notFound("no schema " + urn);
        }
        return DiscoveryAccess.ok(DiscoveryDocuments.schema(schema, access.base(uri, org)));
    }
}
