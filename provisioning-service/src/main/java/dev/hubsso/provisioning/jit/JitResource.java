package dev.hubsso.provisioning.jit;

import dev.hubsso.kit.problem.Problem;
import dev.hubsso.kit.problem.Problem.FieldError;
import dev.hubsso.kit.problem.ProblemException;
import dev.hubsso.provisioning.UniqueViolation;
import dev.hubsso.provisioning.jit.core.JitRules;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * Just-in-time provisioning, called by the auth gateway after it verified an ID token of the
 * org's IdP. Links the login to an account by (issuer, subject), then the IdP's externalId, then
 * a verified email within the org's domains; creates a managed account in managed mode; refuses
 * deactivated and deleted accounts and emails outside the org's domains; re-applies the role
 * mapping at every login. Internal: reachable by the gateway only (network policy), never
 * through the ingress.
 */
@Path("/internal/jit")
@Tag(name = "JIT", description = "Just-in-time provisioning for the auth gateway")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class JitResource {

    private final JitService jit;

    public JitResource(JitService jit) {
        this.jit = jit;
    }

    /** Links or creates the account of a verified login and returns it with its roles. */
    @POST
    @Operation(summary = "Link or create the account of a verified login")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = JitResponse.class)))
    @APIResponse(responseCode = "400", description = "Missing fields, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Wrong IdP, email domain not allowed, or account deactivated/deleted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown org, or basic mode and no account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Username held by another account, or account linked to another login",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<JitResponse> login(JitRequest request, @RestHeader("X-Request-Id") String requestId) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            errors.add(new FieldError("$", "a JSON object body is required"));
        } else {
            required(errors, "org", request.org());
            required(errors, "issuer", request.issuer());
            required(errors, "subject", request.subject());
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(errors.size() + " invalid field(s)", errors));
        }
        // two first logins of one person racing: the loser retries and finds the winner's account
        return Uni.createFrom().deferred(() -> jit.login(request, requestId)).map(JitService.Attempt::orThrow)
                .onFailure(f -> UniqueViolation.constraintOf(f).isPresent()).retry().atMost(1)
                .onFailure(f -> UniqueViolation.constraintOf(f).isPresent())
                .transform(f -> new ProblemException(409, JitRules.CONFLICT, "Conflict",
                        "a concurrent login or SCIM push holds the username", null));
    }

    private static void required(List<FieldError> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        }
    }
}
