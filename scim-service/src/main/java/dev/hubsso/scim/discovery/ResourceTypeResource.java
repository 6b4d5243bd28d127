package dev.hubsso.scim.discovery;

import dev.hubsso.scim.schema.ResourceSchema;
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

/** {@code /scim/v2/{org}/ResourceTypes} (RFC 7644 §4, RFC 7643 §6): User and Group. Read-only: other methods are 405. */
@Path("/scim/v2/{org}/ResourceTypes")
@Produces({ ScimMediaType.SCIM_JSON, ScimMediaType.JSON })
public class ResourceTypeResource {

    private final DiscoveryAccess access;

    public ResourceTypeResource(DiscoveryAccess access) {
        this.access = access;
    }

    /** Every resource type served, as a list response. */
    @GET
    public Response list(@PathParam("org") String org, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uri) {
        return access.list(org, authorization, uri, DiscoveryDocuments.RESOURCE_TYPES, DiscoveryDocuments::resourceType);
    }

    /** One resource type by name (case-insensitive); 404 when there is none. */
    @GET
    @Path("{name}")
    public Response get(@PathParam("org") String org, @PathParam("name") String name,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri) {
        return access.one(org, authorization, uri, name, DiscoveryDocuments::resourceType, "resource type",
                (ResourceSchema type, String base) -> DiscoveryDocuments.resourceType(type, base));
    }
}
