package dev.hubsso.gateway.tokens;

import dev.hubsso.gateway.config.GatewayConfig;
import dev.hubsso.gateway.revocation.RevocationIndex;
import dev.hubsso.gateway.session.SessionClaims;
import dev.hubsso.gateway.verify.Authenticator;
import dev.hubsso.gateway.verify.Verdict;
import dev.hubsso.kit.problem.Problem;
import dev.hubsso.kit.problem.ProblemException;
import dev.hubsso.kit.problem.ProblemMappers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A logged-in user's own API tokens ({@code hub_...}). Every call needs a good session cookie
 * (checked exactly as {@code /auth/verify} checks it): a session is always established through an
 * org's IdP, so a managed account without an SSO session cannot create tokens. The session cookie
 * is {@code SameSite=Lax} and creation takes only {@code application/json}, so another site
 * cannot create tokens in the user's name.
 *
 * <p>A created token is bound to the session's authorization: it records the session, the org and
 * {@code sso:<org name>}. It survives the logout of that session (as GitHub EMU's tokens do), dies
 * with the account's deactivation or deletion (like every credential) and stops working if the
 * account leaves that org. For a member of a basic-mode org that enforces SSO, a bound token
 * reaches that org's resources as its session would.
 */
@Path("/api/tokens")
@Tag(name = "API tokens (users)")
@Produces(MediaType.APPLICATION_JSON)
public class UserTokenResource {

    private static final int MAX_NAME = 100;

    private final Authenticator authenticator;
    private final ApiTokenService service;
    private final RevocationIndex index;
    private final GatewayConfig config;

    public UserTokenResource(Authenticator authenticator, ApiTokenService service, RevocationIndex index,
            GatewayConfig config) {
        this.authenticator = authenticator;
        this.service = service;
        this.index = index;
        this.config = config;
    }

    /**
     * Creates a token for the session's account: 201 with the secret (shown only here); 400 invalid
     * body; 401 no good session; 503 while the gateway cannot tell.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API token for the logged-in user")
    @APIResponse(responseCode = "201", description = "Created; the secret is shown only in this response")
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "401", description = "No good SSO session")
    public Uni<Response> create(@Context HttpHeaders headers, UserTokenRequest request) {
        return session(headers).chain(allowed -> {
            ApiTokenService.Grant grant = validate(allowed, request);
            String authMethod = allowed.sso();
            String orgId = index.orgs().byName(authMethod.substring(SessionClaims.SSO_PREFIX.length()))
                    .map(o -> o.orgId()).orElseThrow(() -> ProblemException.unauthorized("the session's org is gone"));
            String name = request.name() == null || request.name().isBlank() ? null : request.name().strip();
            return service.issueBound(grant, name, UUID.fromString(allowed.sessionId()), orgId, authMethod)
                    .map(issued -> Response.created(URI.create("/api/tokens/" + issued.id())).entity(issued).build());
        });
    }

    /** The caller's tokens that are not revoked, without secrets. */
    @GET
    @Operation(summary = "List the logged-in user's API tokens")
    @APIResponse(responseCode = "200", description = "The tokens, oldest first")
    @APIResponse(responseCode = "401", description = "No good SSO session")
    public Uni<List<TokenView>> list(@Context HttpHeaders headers) {
        return session(headers).chain(allowed -> service.listOwn(allowed.user().userId()))
                .map(tokens -> tokens.stream().map(TokenView::of).toList());
    }

    /**
     * Revokes one of the caller's tokens on every replica: 204; 404 if it is not the caller's (or
     * does not exist); revoking it again is 204.
     */
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke one of the logged-in user's API tokens")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "401", description = "No good SSO session")
    @APIResponse(responseCode = "404", description = "No such token of this user")
    public Uni<Response> revoke(@Context HttpHeaders headers,
            @Parameter(description = "token id") @PathParam("id") String id) {
        return session(headers).chain(allowed -> {
            UUID tokenId;
            try {
                tokenId = UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                throw ProblemException.notFound("no such token");
            }
            return service.revokeOwn(tokenId, allowed.user().userId());
        }).map(token -> {
            if (token == null) {
                throw ProblemException.notFound("no such token");
            }
            service.forget(token);
            return Response.noContent().build();
        });
    }

    private Uni<Verdict.Allowed> session(HttpHeaders headers) {
        Cookie cookie = headers.getCookies().get(config.session().cookieName());
        return authenticator.authenticateSession(cookie == null ? null : cookie.getValue()).map(verdict -> {
            if (verdict instanceof Verdict.Allowed allowed && allowed.sessionId() != null && allowed.sso() != null) {
                return allowed;
            }
            if (verdict instanceof Verdict.Unavailable) {
                throw ProblemException.unavailable("the gateway cannot check sessions right now; retry shortly");
            }
            throw ProblemException.unauthorized("a valid SSO session is required");
        });
    }

    private ApiTokenService.Grant validate(Verdict.Allowed allowed, UserTokenRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("a JSON body is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.name() != null && request.name().length() > MAX_NAME) {
            errors.add(new Problem.FieldError("$.name", "at most " + MAX_NAME + " characters"));
        }
        Scope scope = ApiTokenService.scope(request.scope(), errors);
        Long expires = service.expiresInSeconds(request.expiresInSeconds(), errors);
        if (!errors.isEmpty()) {
            throw ProblemMappers.invalid(errors);
        }
        return new ApiTokenService.Grant(allowed.user(), scope, expires);
    }
}
