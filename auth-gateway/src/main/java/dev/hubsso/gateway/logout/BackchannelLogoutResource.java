package dev.hubsso.gateway.logout;

import dev.hubsso.gateway.logout.LogoutTokenVerifier.InvalidLogoutTokenException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * OpenID Connect Back-Channel Logout 1.0 endpoint of each org (register
 * {@code <gateway>/login/<org>/backchannel-logout} at the IdP as the client's
 * {@code backchannel_logout_uri}). The IdP POSTs a signed logout token; the gateway revokes the
 * sessions it names on every replica.
 *
 * <p>Answers as the specification says (§2.8): 200 with {@code Cache-Control: no-store} when the
 * token was valid (even if no session matched); 400 with {@code {"error":"invalid_request",
 * "error_description":...}} for an invalid, replayed or unknown-org token; 503 with
 * {@code "error":"temporarily_unavailable"} when the IdP's keys or the session registry cannot be
 * reached, so that the IdP retries.
 */
@Path("/login/{org}/backchannel-logout")
@Tag(name = "Logout")
public class BackchannelLogoutResource {

    private static final Logger LOG = Logger.getLogger(BackchannelLogoutResource.class);

    private final BackchannelLogout logout;

    public BackchannelLogoutResource(BackchannelLogout logout) {
        this.logout = logout;
    }

    /** Ends the org's sessions that the IdP's logout token names. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OIDC Back-Channel Logout: end the sessions a logout token names")
    @APIResponse(responseCode = "200", description = "Valid logout token; its sessions are revoked on every replica")
    @APIResponse(responseCode = "400", description = "Invalid, replayed or unknown logout token")
    @APIResponse(responseCode = "503", description = "The IdP's keys or the registry are unreachable; retry")
    public Uni<Response> logout(@Parameter(description = "organization name") @PathParam("org") String org,
            @FormParam("logout_token") String logoutToken) {
        return logout.logout(org, logoutToken)
                .map(revoked -> Response.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").build())
                .onFailure().recoverWithItem(failure -> {
                    if (failure instanceof InvalidLogoutTokenException) {
                        LOG.debugf("back-channel logout for %s refused: %s", org, failure.getMessage());
                        return error(400, "invalid_request", failure.getMessage());
                    }
                    if (failure instanceof BackchannelLogout.UnavailableException) {
                        LOG.warnf("back-channel logout for %s not processed: %s", org, failure.getMessage());
                    } else {
                        LOG.errorf(failure, "back-channel logout for %s failed", org);
                    }
                    return error(503, "temporarily_unavailable", "the logout could not be processed now; retry");
                });
    }

    private static Response error(int status, String error, String description) {
        return Response.status(status)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", error, "error_description", description))
                .build();
    }
}
