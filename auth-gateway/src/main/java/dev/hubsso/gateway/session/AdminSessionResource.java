package dev.hubsso.gateway.session;

import dev.hubsso.gateway.admin.AdminApi;
import dev.hubsso.gateway.session.SessionRepository.Owner;
import dev.hubsso.kit.problem.Problem;
import dev.hubsso.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Admin API of the session registry. Every call needs {@code Authorization: Bearer <admin API
 * key>} ({@code hub.admin.api-key}); without it the answer is a 401 problem. Revoking takes effect
 * on every gateway replica (through {@code auth.session-revocations.v1}).
 */
@Path("/admin/sessions")
@AdminApi
@Tag(name = "Sessions (admin)")
@Produces(MediaType.APPLICATION_JSON)
public class AdminSessionResource {

    /** Largest page an admin may ask for. */
    public static final int MAX_PAGE_SIZE = 200;

    private final SessionRepository repository;
    private final SessionRevocations revocations;

    public AdminSessionResource(SessionRepository repository, SessionRevocations revocations) {
        this.repository = repository;
        this.revocations = revocations;
    }

    /**
     * Lists the sessions (live, expired and revoked) of one user ({@code userId}) or one org
     * ({@code orgId}), newest first, a page at a time. Exactly one of the two is required; both are
     * UUIDs. 400 otherwise.
     */
    @GET
    @Operation(summary = "List the sessions of a user or an org")
    @APIResponse(responseCode = "200", description = "One page of sessions, newest first")
    @APIResponse(responseCode = "400", description = "Neither or both of userId and orgId, not a UUID, or a bad page")
    @APIResponse(responseCode = "401", description = "Missing or wrong admin API key")
    public Uni<SessionPage> list(@Parameter(description = "hub account id") @QueryParam("userId") String userId,
            @Parameter(description = "organization id") @QueryParam("orgId") String orgId,
            @Parameter(description = "page number, from 0") @QueryParam("page") @DefaultValue("0") String pageParam,
            @Parameter(description = "page size, 1 to 200") @QueryParam("size") @DefaultValue("50") String sizeParam) {
        List<Problem.FieldError> errors = new ArrayList<>();
        boolean byUser = userId != null && !userId.isEmpty();
        boolean byOrg = orgId != null && !orgId.isEmpty();
        if (byUser == byOrg) {
            errors.add(new Problem.FieldError("userId", "give exactly one of userId and orgId"));
        } else if (SessionRegistry.parse(byUser ? userId : orgId) == null) {
            errors.add(new Problem.FieldError(byUser ? "userId" : "orgId", "must be a UUID"));
        }
        Integer page = integer(pageParam);
        if (page == null || page < 0) {
            errors.add(new Problem.FieldError("page", "must be a number from 0"));
        }
        Integer size = integer(sizeParam);
        if (size == null || size < 1 || size > MAX_PAGE_SIZE) {
            errors.add(new Problem.FieldError("size", "must be a number from 1 to " + MAX_PAGE_SIZE));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors.size() + " invalid parameter(s)", errors);
        }
        Owner owner = byUser ? Owner.USER : Owner.ORG;
        String id = SessionRegistry.parse(byUser ? userId : orgId).toString();
        // one query after the other: one reactive session never runs two at once
        return repository.page(owner, id, page, size).chain(rows -> repository.count(owner, id)
                .map(total -> new SessionPage(rows.stream().map(SessionView::admin).toList(), page, size, total)));
    }

    /**
     * Revokes one session: 204, after which every replica refuses it. Revoking a revoked session
     * again is a no-op (204); an unknown id is 404, a malformed one 400.
     */
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a session on every replica")
    @APIResponse(responseCode = "204", description = "Revoked (or already revoked)")
    @APIResponse(responseCode = "400", description = "Not a session id")
    @APIResponse(responseCode = "401", description = "Missing or wrong admin API key")
    @APIResponse(responseCode = "404", description = "No such session")
    public Uni<Response> revoke(@Parameter(description = "session id") @PathParam("id") String id) {
        UUID sessionId = SessionIds.parse(id);
        return revocations.revokeSession(sessionId, null, SessionRevocations.ADMIN).map(revoked -> {
            if (revoked == null) {
                throw ProblemException.notFound("no such session");
            }
            return Response.noContent().build();
        });
    }

    private static Integer integer(String s) {
        try {
            return Integer.valueOf(s.trim());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
