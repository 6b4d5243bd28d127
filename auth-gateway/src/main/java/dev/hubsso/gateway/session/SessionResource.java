package dev.hubsso.gateway.session;

import dev.hubsso.gateway.revocation.RevocationIndex;
import dev.hubsso.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The signed-in user's own sessions, identified by the session cookie. Without a live session
 * cookie every call is a 401 problem. Revoking a session takes effect on every gateway replica
 * (through {@code auth.session-revocations.v1}).
 */
@Path("/api/sessions")
@Tag(name = "Sessions (user)")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private final CookieSessions cookieSessions;
    private final SessionRepository repository;
    private final SessionRevocations revocations;
    private final SessionCookies cookies;
    private final RevocationIndex index;

    public SessionResource(CookieSessions cookieSessions, SessionRepository repository,
            SessionRevocations revocations, SessionCookies cookies, RevocationIndex index) {
        this.cookieSessions = cookieSessions;
        this.repository = repository;
        this.revocations = revocations;
        this.cookies = cookies;
        this.index = index;
    }

    /**
     * Lists the caller's live sessions (not revoked, not expired), newest first; the one of the
     * request's own cookie has {@code "current": true}.
     */
    @GET
    @Operation(summary = "List my live sessions")
    @APIResponse(responseCode = "200", description = "The caller's live sessions")
    @APIResponse(responseCode = "401", description = "No live session cookie")
    public Uni<List<SessionView>> list(@Context HttpHeaders headers) {
        return signedIn(headers).chain(me -> repository.liveOfUser(me.claims().userId(), Instant.now())
                .map(rows -> rows.stream()
                        .filter(s -> !index.isSessionRevoked(s.userId, s.id.toString(), s.createdAt))
                        .map(s -> SessionView.own(s, me.claims().sessionId()))
                        .toList()));
    }

    /**
     * Revokes one of the caller's sessions: 204, after which every replica refuses it (revoking
     * the current session also clears its cookie). 404 if the caller has no session with that id
     * (another user's sessions are not revealed); 400 if the id is not a UUID.
     */
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke one of my sessions")
    @APIResponse(responseCode = "204", description = "Revoked (or already revoked)")
    @APIResponse(responseCode = "400", description = "Not a session id")
    @APIResponse(responseCode = "401", description = "No live session cookie")
    @APIResponse(responseCode = "404", description = "No such session of the caller")
    public Uni<Response> revoke(@Parameter(description = "session id") @PathParam("id") String id,
            @Context HttpHeaders headers) {
        UUID sessionId = SessionIds.parse(id);
        return signedIn(headers).chain(me -> revocations.revokeSession(sessionId, me.claims().userId(),
                SessionRevocations.USER).map(revoked -> {
                    if (revoked == null) {
                        throw ProblemException.notFound("no such session");
                    }
                    Response.ResponseBuilder r = Response.noContent();
                    if (revoked.id().equals(me.claims().sessionId())) {
                        r.header(HttpHeaders.SET_COOKIE, cookies.clearing());
                    }
                    return r.build();
                }));
    }

    private Uni<CookieSessions.Current> signedIn(HttpHeaders headers) {
        if (!index.isReady()) {
            return Uni.createFrom().failure(ProblemException.unavailable("the revocation index is still loading; retry shortly"));
        }
        return cookieSessions.current(headers).map(me -> {
            if (me == null) {
                throw ProblemException.unauthorized("no live session; sign in again");
            }
            return me;
        });
    }
}
