package dev.hubsso.scim.discovery;

import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.web.ScimMediaType;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * {@code /scim/v2/{org}/Bulk} (RFC 7644 §3.7): not implemented. {@code POST} is 501 after the
 * usual bearer authentication; {@code /ServiceProviderConfig} advertises {@code bulk.supported: false}.
 */
@Path("/scim/v2/{org}/Bulk")
@Produces({ ScimMediaType.SCIM_JSON, ScimMediaType.JSON })
public class BulkResource {

    private final DiscoveryAccess access;

    public BulkResource(DiscoveryAccess access) {
        this.access = access;
    }

    /** 501: bulk operations are not supported. */
    @POST
    public Response bulk(@PathParam("org") String org, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        access.authenticate(org, authorization);
        throw new ScimException(501, null, "bulk operations are not supported (see /ServiceProviderConfig)");
    }
}
