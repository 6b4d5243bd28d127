package dev.hubsso.gateway.verify;

import dev.hubsso.gateway.config.GatewayConfig;
import dev.hubsso.gateway.revocation.UserStanding;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Forward-auth endpoint for the proxy in front of the hub (nginx {@code auth_request}, Traefik
 * ForwardAuth, Envoy {@code ext_authz} over HTTP): the proxy forwards the client's
 * {@code Authorization} and {@code Cookie} headers here, plus {@code X-Hub-Target-Org} (the org
 * whose resources the request targets, if any) and the original method and URI
 * ({@code X-Original-Method}/{@code X-Forwarded-Method}, {@code X-Original-URI}/
 * {@code X-Forwarded-Uri}), and lets the request through only on a 200.
 *
 * <p>Credentials: the session cookie, an API token ({@code Bearer hub_...}), or a hub credential
 * of a non-managed account ({@code Bearer hubpw_<JWT>}, or its cookie). 200 carries the identity
 * for the upstream: {@code X-Hub-User} (username), {@code X-Hub-User-Id}, {@code X-Hub-Org} (the
 * account's org id; absent for ordinary accounts), {@code X-Hub-Managed} ({@code true}/
 * {@code false}), {@code X-Hub-Roles} (org role), {@code X-Hub-Auth} ({@code sso:<org>},
 * {@code token} or {@code hub}) and, for tokens, {@code X-Hub-Scope}.
 *
 * <p>A refusal is a 401 with {@code WWW-Authenticate: Bearer}, a problem body that says nothing
 * about why, and {@code X-Hub-Login}: the login page that would help. A browser navigation
 * ({@code Accept} with {@code text/html}, original method GET or HEAD) gets a 302 to that page
 * instead (Traefik and Envoy pass it on; nginx, which cannot, turns the 401 into the redirect
 * itself, see {@code deploy/nginx}). While the revocation index is loading, or a store cannot be
 * read for a credential not yet cached, the answer is 503: never a 200.
 *
 * <p>Runs on the event loop; a credential seen before is decided from memory alone.
 */
@Path("/auth/verify")
@Tag(name = "Forward auth")
public class VerifyResource {

    /** Username of the authenticated account. */
    public static final String USER = "X-Hub-User";
    /** Hub account id. */
    public static final String USER_ID = "X-Hub-User-Id";
    /** Organization id of the account. */
    public static final String ORG = "X-Hub-Org";
    /** Whether the account is managed by an organization's IdP. */
    public static final String MANAGED = "X-Hub-Managed";
    /** The account's role in its organization. */
    public static final String ROLES = "X-Hub-Roles";
    /** How the request authenticated: {@code sso:<org>}, {@code token}, {@code hub}. */
    public static final String AUTH = "X-Hub-Auth";
    /** Scope of an API token. */
    public static final String SCOPE = "X-Hub-Scope";
    /** Request header: name of the org whose resources the request targets. */
    public static final String TARGET_ORG = "X-Hub-Target-Org";
    /** Response header of a refusal: where a browser should log in. */
    public static final String LOGIN = "X-Hub-Login";

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String UNAUTHORIZED_BODY =
            "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}";
    private static final String UNAVAILABLE_BODY =
            "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503}";

    private final Authenticator authenticator;
    private final MeterRegistry registry;
    private final String loginPath;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

    public VerifyResource(Authenticator authenticator, MeterRegistry registry, GatewayConfig config) {
        this.authenticator = authenticator;
        this.registry = registry;
        this.loginPath = config.verify().loginPath();
    }

    /** Verifies the credential of the forwarded request. */
    @GET
    @Operation(summary = "Verify the credential of a forwarded request")
    @APIResponse(responseCode = "200", description = "Good credential; identity in X-Hub-* headers")
    @APIResponse(responseCode = "302", description = "Refused browser navigation: Location is the login page that would help")
    @APIResponse(responseCode = "401", description = "Missing, unknown, expired or revoked credential, account not active, or SSO required; X-Hub-Login names the login page")
    @APIResponse(responseCode = "503", description = "Revocation index not ready or store unreachable: retry, never let through")
    public Uni<Response> verify(@Context HttpHeaders headers) {
        ForwardedRequest request = new ForwardedRequest(
                headers.getHeaderString(HttpHeaders.AUTHORIZATION),
                cookies(headers.getCookies()),
                headers.getHeaderString(HttpHeaders.ACCEPT),
                first(headers, "X-Original-Method", "X-Forwarded-Method"),
                first(headers, "X-Original-URI", "X-Forwarded-Uri"),
                headers.getHeaderString(TARGET_ORG));
        return authenticator.authenticate(request).map(verdict -> respond(verdict, request));
    }

    private Response respond(Verdict verdict, ForwardedRequest request) {
        outcomes.computeIfAbsent(verdict.reason(),
                reason -> Counter.builder("hub.gateway.verify").tag("outcome", reason).register(registry)).increment();
        if (verdict instanceof Verdict.Allowed allowed) {
            UserStanding user = allowed.user();
            Response.ResponseBuilder ok = Response.ok()
                    .header(USER, user.username())
                    .header(USER_ID, user.userId())
                    .header(MANAGED, allowed.managed() ? "true" : "false")
                    .header(AUTH, allowed.auth());
            if (user.orgId() != null) {
                ok.header(ORG, user.orgId());
            }
            if (user.orgRole() != null) {
                ok.header(ROLES, user.orgRole());
            }
            if (allowed.scope() != null) {
                ok.header(SCOPE, allowed.scope().value());
            }
            return ok.header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        if (verdict instanceof Verdict.Unavailable) {
            return Response.status(503).header("Retry-After", "1").type(PROBLEM_JSON).entity(UNAVAILABLE_BODY).build();
        }
        Verdict.Denied denied = (Verdict.Denied) verdict;
        String login = EnforcementRules.loginLocation(loginPath, denied.loginOrg(), request.originalUri());
        if (request.isBrowserNavigation()) {
            return Response.status(302).header(HttpHeaders.LOCATION, login).header(LOGIN, login)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").header(LOGIN, login)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").type(PROBLEM_JSON).entity(UNAUTHORIZED_BODY).build();
    }

    private static String first(HttpHeaders headers, String a, String b) {
        String v = headers.getHeaderString(a);
        return v != null ? v : headers.getHeaderString(b);
    }

    private static Map<String, String> cookies(Map<String, Cookie> cookies) {
        if (cookies.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>(cookies.size() * 2);
        cookies.forEach((name, cookie) -> out.put(name, cookie.getValue()));
        return out;
    }
}
