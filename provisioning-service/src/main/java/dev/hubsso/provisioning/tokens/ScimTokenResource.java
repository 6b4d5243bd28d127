package dev.hubsso.provisioning.tokens;

import jakarta.ws.rs.DefaultValue;
import org.jboss.resteasy.reactive.RestQuery;
import java.time.Duration;
import dev.hubsso.kit.problem.Problem;
import dev.hubsso.provisioning.admin.AdminApi;
import dev.hubsso.provisioning.admin.AdminContext;
import dev.hubsso.provisioning.admin.AdminOnly;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The SCIM bearer tokens an organization's IdP uses to push users and groups to scim-service.
 *
 * <p>A token is shown once, when issued; the service keeps only its SHA-256, and publishes
 * only hashes (in the org's {@code OrgConfig} snapshot, which scim-service follows to
 * authenticate). An org may hold several tokens at once, so an IdP can switch to a new token
 * before the old one is revoked.
 */
@Path("/admin/orgs/{name}/scim-tokens")
@AdminOnly
@Tag(name = "SCIM tokens", description = "Bearer tokens of an organization's SCIM endpoint")
@SecurityRequirement(name = AdminApi.SECURITY_SCHEME)
@APIResponse(responseCode = "401", description = "No or wrong admin bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such organization (or token)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Produces(MediaType.APPLICATION_JSON)
public class ScimTokenResource {

    private final ScimTokenService tokens;
    private final AdminContext admin;

    public ScimTokenResource(ScimTokenService tokens, AdminContext admin) {
        this.tokens = tokens;
        this.admin = admin;
    }

    /** Issues a new SCIM token. The response is the only place the token string ever appears. */
    @POST
    @ResponseStatus(201)
    @Operation(summary = "Issue a SCIM token (shown once)")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = IssuedToken.class)))
    public Uni<IssuedToken> issue(@RestPath String name) {
        return tokens.issue(name, admin.actor());
    }

    /** The organization's active tokens: ids and dates, never a token or its hash. */
    @GET
    @Operation(summary = "List active SCIM tokens (metadata only)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TokenList.class)))
    public Uni<TokenList> list(@RestPath String name) {
        return tokens.list(name).map(l -> new TokenList(l.stream().map(TokenView::of).toList()));
    }

    /**
     * Rotates a token: a new token is issued (shown once, in the response) and the old one keeps
     * working for {@code gracePeriodSeconds} (default one day, at most seven; 0 retires it at once),
     * so the IdP can be switched over without a failed provisioning request.
     */
    @POST
    @Path("{id}/rotate")
    @ResponseStatus(201)
    @Operation(summary = "Rotate a SCIM token (new token shown once; the old one expires after a grace period)")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = IssuedToken.class)))
    @APIResponse(responseCode = "400", description = "Grace period out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<IssuedToken> rotate(@RestPath String name, @RestPath String id,
            @RestQuery @DefaultValue("86400") long gracePeriodSeconds) {
        return tokens.rotate(name, id, Duration.ofSeconds(gracePeriodSeconds), admin.actor());
    }

    /** Revokes a token; scim-service refuses it as soon as it reads the org's next snapshot. */
    @DELETE
    @Path("{id}")
    @ResponseStatus(204)
    @Operation(summary = "Revoke a SCIM token")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Uni<Void> revoke(@RestPath String name, @RestPath String id) {
        return tokens.revoke(name, id, admin.actor());
    }
}
