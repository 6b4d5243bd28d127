package dev.hubsso.scim.discovery;

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
        return access.list(org, authorization, uri, DiscoveryDocuments.schemas(), DiscoveryDocuments::schema);
    }

    /** One schema by URN (case-insensitive); 404 when it is not served. */
    @GET
    @Path("{urn}")
    public Response get(@PathParam("org") String org, @PathParam("urn") String urn,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri) {
        return access.one(org, authorization, uri, urn, DiscoveryDocuments::schema, "schema",
                (SchemaDef schema, String base) -> DiscoveryDocuments.schema(schema, base));
    }
}
