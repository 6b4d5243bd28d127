package dev.hubsso.gateway.session;

import dev.hubsso.gateway.admin.AdminApi;
import dev.hubsso.gateway.revocation.RevocationIndex;
import dev.hubsso.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Admin action on all the sessions of one account. Needs the admin API key, like every
 * {@code /admin} call.
 */
@Path("/admin/users/{userId}/sessions")
@AdminApi
@Tag(name = "Sessions (admin)")
@Produces(MediaType.APPLICATION_JSON)
public class AdminUserSessionResource {

    private final SessionRevocations revocations;
    private final RevocationIndex index;

    public AdminUserSessionResource(SessionRevocations revocations, RevocationIndex index) {
        this.revocations = revocations;
        this.index = index;
    }

    /**
     * The outcome of revoking all of a user's sessions.
     *
     * @param userId the account
     * @param revoked number of sessions that were live (unrevoked) and are revoked now
     */
    public record RevokedSessions(String userId, int revoked) {
    }

    /**
     * Revokes every session of an account, on every replica: 200 with how many were unrevoked.
     * Idempotent (again: {@code revoked: 0}). 400 if the id is not a UUID; 404 if neither the
     * revocation index nor the registry knows the account.
     */
    @POST
    @Path("/revoke")
    @Operation(summary = "Revoke all sessions of an account on every replica")
    @APIResponse(responseCode = "200", description = "Revoked; how many were live")
    @APIResponse(responseCode = "400", description = "Not a UUID")
    @APIResponse(responseCode = "401", description = "Missing or wrong admin API key")
    @APIResponse(responseCode = "404", description = "No such account")
    public Uni<RevokedSessions> revokeAll(@Parameter(description = "hub account id") @PathParam("userId") String userId) {
        String id = SessionIds.uuid(userId, "userId").toString();
        return revocations.revokeAllOfUser(id, SessionRevocations.ADMIN).map(outcome -> {
            if (outcome.count() == 0 && index.isReady() && index.user(id).isEmpty()) {
                throw ProblemException.notFound("no such user");
            }
            return new RevokedSessions(id, outcome.count());
        });
    }
}
