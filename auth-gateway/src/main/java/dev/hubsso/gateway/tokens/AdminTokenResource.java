package dev.hubsso.gateway.tokens;

import dev.hubsso.gateway.admin.AdminApi;
import dev.hubsso.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Admin API for hub API tokens ({@code hub_...}). Every call needs {@code Authorization: Bearer
 * <admin API key>} ({@code hub.admin.api-key}); without it the answer is a 401 problem.
 *
 * <p>A token is issued only to an account the gateway's revocation index knows and holds active,
 * and never to a <b>managed</b> account (one whose org is in managed mode): a managed account's
 * credentials must stand on its org's IdP, so its tokens are created by the user from an SSO
 * session ({@code POST /api/tokens}), and {@code /auth/verify} refuses any other token of it. An
 * admin cannot mint a credential that bypasses the IdP.
 * Its secret is returned once; the gateway stores only its SHA-256. Revoking a token takes effect
 * on every gateway replica (through {@code auth.session-revocations.v1}).
 */
@Path("/admin/tokens")
@AdminApi
@Tag(name = "API tokens (admin)")
@Produces(MediaType.APPLICATION_JSON)
public class AdminTokenResource {

    private final ApiTokenService service;

    public AdminTokenResource(ApiTokenService service) {
        this.service = service;
    }

    /**
     * Issues an API token to an active account, named by {@code username} or {@code userId}, with
     * scope {@code read} (default) or {@code write} and an optional lifetime in seconds.
     * 201 with the token (shown only here); 400 invalid request; 404 unknown account; 409 managed
     * account (problem type {@code urn:hub:problem:managed-account}: "managed accounts get API
     * tokens only through an SSO session: POST /api/tokens") or account not active; 503 while the
     * revocation index is still loading.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue an API token to an active, non-managed account",
            description = "Managed accounts (of an org in managed mode) are refused with 409: their tokens must "
                    + "stand on the org's IdP, so users create them from an SSO session with POST /api/tokens.")
    @APIResponse(responseCode = "201", description = "Issued; the secret is shown only in this response")
    @APIResponse(responseCode = "401", description = "Missing or wrong admin API key")
    @APIResponse(responseCode = "404", description = "No such account")
    @APIResponse(responseCode = "400", description = "Invalid request")
    @APIResponse(responseCode = "409", description = "The account is managed (problem type "
            + "urn:hub:problem:managed-account: managed accounts get API tokens only through an SSO session: "
            + "POST /api/tokens), or it is not active")
    @APIResponse(responseCode = "503", description = "The revocation index is still loading")
    public Uni<Response> issue(IssueTokenRequest request) {
        ApiTokenService.Grant grant = service.validate(request);
        return service.issue(grant).map(issued -> Response.created(URI.create("/admin/tokens/" + issued.id()))
                .entity(issued)
                .build());
    }

    /**
     * Revokes an API token: 204, after which every gateway replica refuses it. Revoking a revoked
     * token again is a no-op (204); an unknown id is 404.
     */
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an API token on every replica")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "401", description = "Missing or wrong admin API key")
    @APIResponse(responseCode = "404", description = "No such token")
    public Uni<Response> revoke(@Parameter(description = "token id") @PathParam("id") String id) {
        UUID tokenId = parse(id);
        return service.revoke(tokenId).map(token -> {
            if (token == null) {
                throw ProblemException.notFound("no such token");
            }
            service.forget(token);
            return Response.noContent().build();
        });
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no such token");
        }
    }
}
