package dev.hubsso.gateway.verify;

import dev.hubsso.gateway.revocation.UserStanding;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Forward-auth endpoint for the proxy in front of the hub (nginx {@code auth_request}, Traefik
 * ForwardAuth, Envoy {@code ext_authz} over HTTP): the proxy forwards the client's
 * {@code Authorization} header here and lets the request through only on a 200.
 *
 * <p>200 carries the identity for the upstream: {@code X-Hub-User} (username),
 * {@code X-Hub-User-Id}, {@code X-Hub-Org} (managing organization, absent for unmanaged accounts),
 * {@code X-Hub-Managed} ({@code true}/{@code false}) and {@code X-Hub-Scope} ({@code read}/
 * {@code write}). Any refusal is the same 401 with {@code WWW-Authenticate: Bearer} and a
 * problem body that says nothing about why. While the revocation index is still loading (or the
 * token store is unreachable for a token not yet cached) the answer is 503: never a 200.
 *
 * <p>Runs on the event loop; a token seen before is decided from memory alone.
 */
@Path("/auth/verify")
@Tag(name = "Forward auth")
public class VerifyResource {

    /** Username of the authenticated account. */
    public static final String USER = "X-Hub-User";
    /** Hub account id. */
    public static final String USER_ID = "X-Hub-User-Id";
    /** Managing organization id. */
    public static final String ORG = "X-Hub-Org";
    /** Whether the account is managed by an organization's IdP. */
    public static final String MANAGED = "X-Hub-Managed";
    /** Scope of the credential. */
    public static final String SCOPE = "X-Hub-Scope";

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String UNAUTHORIZED_BODY =
            "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}";
    private static final String UNAVAILABLE_BODY =
            "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503}";

    private final TokenVerifier verifier;
    private final MeterRegistry registry;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

    public VerifyResource(TokenVerifier verifier, MeterRegistry registry) {
        this.verifier = verifier;
        this.registry = registry;
    }

    /** Verifies the bearer API token of the forwarded request. */
    @GET
    @Operation(summary = "Verify the credential of a forwarded request")
    @APIResponse(responseCode = "200", description = "Good credential; identity in X-Hub-* headers")
    @APIResponse(responseCode = "401", description = "Missing, unknown, expired or revoked credential, or account not active")
    @APIResponse(responseCode = "503", description = "Revocation index not ready: retry, never let through")
    public Uni<Response> verify(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return verifier.verify(authorization).map(this::respond);
    }

    private Response respond(Verdict verdict) {
        outcomes.computeIfAbsent(verdict.reason(),
                reason -> Counter.builder("hub.gateway.verify").tag("outcome", reason).register(registry)).increment();
        if (verdict instanceof Verdict.Allowed allowed) {
            UserStanding user = allowed.user();
            Response.ResponseBuilder ok = Response.ok()
                    .header(USER, user.username())
                    .header(USER_ID, user.userId())
                    .header(MANAGED, user.managed() ? "true" : "false")
                    .header(SCOPE, allowed.scope().value());
            if (user.orgId() != null) {
                ok.header(ORG, user.orgId());
            }
            return ok.header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        if (verdict instanceof Verdict.Unavailable) {
            return Response.status(503).header("Retry-After", "1").type(PROBLEM_JSON).entity(UNAVAILABLE_BODY).build();
        }
        return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").type(PROBLEM_JSON)
                .entity(UNAUTHORIZED_BODY).build();
    }
}
