package dev.hubsso.scim.discovery;

import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.web.ScimMediaType;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * {@code /scim/v2/{org}/Me} (RFC 7644 §3.11): 501 for every method, after the usual bearer
 * authentication, since an organization's SCIM token is not a user.
 */
@Path("/scim/v2/{org}/Me")
@Produces({ ScimMediaType.SCIM_JSON, ScimMediaType.JSON })
public class MeResource {

    private final DiscoveryAccess access;

    public MeResource(DiscoveryAccess access) {
        this.access = access;
    }

    /** {@code GET /Me}: 501. */
    @GET
    public Response meGet(@PathParam("org") String org, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return me(org, authorization);
    }

    /** {@code POST /Me}: 501. */
    @POST
    public Response mePost(@PathParam("org") String org, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return me(org, authorization);
    }

    /** {@code PUT /Me}: 501. */
    @PUT
    public Response mePut(@PathParam("org") String org, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return me(org, authorization);
    }

    /** {@code PATCH /Me}: 501. */
    @PATCH
    public Response mePatch(@PathParam("org") String org, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return me(org, authorization);
    }

    /** {@code DELETE /Me}: 501. */
    @DELETE
    public Response meDelete(@PathParam("org") String org, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return me(org, authorization);
    }

    private Response me(String org, String authorization) {
        access.authenticate(org, authorization);
        throw new ScimException(501, null, "/Me is not supported: an organization's SCIM token is not a user");
    }
}
