package dev.hubsso.scim.discovery;

import dev.hubsso.scim.config.ScimConfig;
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
 * {@code /scim/v2/{org}/ServiceProviderConfig} (RFC 7644 §4): PATCH, bulk (with
 * {@code maxOperations} and {@code maxPayloadSize}), filtering (with the page limit), sorting and
 * ETags are supported; password change is not; authentication is an OAuth bearer token.
 * Read-only: other methods are 405.
 */
@Path("/scim/v2/{org}/ServiceProviderConfig")
@Produces({ ScimMediaType.SCIM_JSON, ScimMediaType.JSON })
public class ServiceProviderConfigResource {

    private final DiscoveryAccess access;
    private final ScimConfig config;

    public ServiceProviderConfigResource(DiscoveryAccess access, ScimConfig config) {
        this.access = access;
        this.config = config;
    }

    /** The service provider configuration. */
    @GET
    public Response get(@PathParam("org") String org, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uri) {
        access.authenticate(org, authorization);
        return DiscoveryAccess.ok(DiscoveryDocuments.serviceProviderConfig(access.base(uri, org), access.maxResults(),
                config.bulk().maxOperations(), config.bulk().maxPayloadSize()));
    }
}
