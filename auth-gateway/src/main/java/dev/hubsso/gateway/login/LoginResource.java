package dev.hubsso.gateway.login;

import dev.hubsso.events.OrgConfig;
import dev.hubsso.gateway.revocation.RevocationIndex;
import dev.hubsso.gateway.revocation.UserStanding;
import dev.hubsso.gateway.session.SessionIssuer;
import dev.hubsso.kit.problem.Problem;
import dev.hubsso.kit.problem.ProblemException;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Browser login through the organization's IdP ("Sign in with SSO").
 *
 * <p>{@code GET /login/{org}} runs the OpenID Connect authorization code flow with PKCE, state and
 * nonce against the org's IdP (one quarkus-oidc tenant per org, see {@link OrgTenantResolver}).
 * Once the ID token is verified, provisioning's JIT links or creates the account, the gateway
 * records a session and sets the sealed session cookie, and the browser goes to
 * {@code redirect_uri} (a path on this site, default {@code /}). {@code GET /login?email=} finds
 * the org by the email's domain and starts its login.
 */
@Path("/login")
@Tag(name = "Login", description = "SSO login through each organization's IdP")
public class LoginResource {

    private static final Logger LOG = Logger.getLogger(LoginResource.class);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,253})");
    private static final String TENANT_ID_ATTRIBUTE = "tenant-id";
    private static final String SESSION_COOKIE_PREFIX = "q_session_";

    private final RevocationIndex index;
    private final OrgLogins logins;
    private final ProvisioningClient provisioning;
    private final SessionIssuer sessions;
    private final CurrentIdentityAssociation identities;

    public LoginResource(RevocationIndex index, OrgLogins logins, ProvisioningClient provisioning,
            SessionIssuer sessions, CurrentIdentityAssociation identities) {
        this.index = index;
        this.logins = logins;
        this.provisioning = provisioning;
        this.sessions = sessions;
        this.identities = identities;
    }

    /** Finds the org of an email address by its domain and starts that org's login. */
    @GET
    @Operation(summary = "Find the organization of an email address and start its SSO login")
    @APIResponse(responseCode = "302", description = "To /login/{org} of the org whose allowed domains hold the email's")
    @APIResponse(responseCode = "400", description = "Missing or invalid email, or redirect_uri not a path on this site")
    @APIResponse(responseCode = "404", description = "No organization (or more than one) claims the domain")
    @APIResponse(responseCode = "503", description = "The gateway is still loading the organizations")
    public Response discover(@RestQuery String email, @RestQuery("redirect_uri") String redirectUri) {
        if (email == null || email.isBlank() || email.length() > 320 || !EMAIL.matcher(email.trim()).matches()) {
            throw ProblemException.invalid("an email address is required",
                    java.util.List.of(new Problem.FieldError("email", "must be an email address")));
        }
        String target = redirectTarget(redirectUri);
        ready();
        OrgConfig org = index.orgs().byEmailDomain(email.trim())
                .orElseThrow(() -> ProblemException.notFound("no organization signs in users of this email domain"));
        String location = "/login/" + URLEncoder.encode(org.name(), StandardCharsets.UTF_8)
                .replace("+", "%20")
                + (redirectUri == null || redirectUri.isEmpty() ? ""
                        : "?redirect_uri=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
        return Response.status(Response.Status.FOUND).header("Location", location).build();
    }

    /** Logs in through the org's IdP and sets the hub session cookie. */
    @GET
    @Path("{org}")
    @Operation(summary = "Log in through the organization's IdP")
    @APIResponse(responseCode = "302", description = "To the IdP (login starts), back here (callback), "
            + "or to redirect_uri with the session cookie set (login done)")
    @APIResponse(responseCode = "400", description = "redirect_uri is not a path on this site")
    @APIResponse(responseCode = "401", description = "The code flow failed: bad or missing state, invalid ID token")
    @APIResponse(responseCode = "403", description = "Login refused (provisioning, account not active, replayed login)")
    @APIResponse(responseCode = "404", description = "Unknown or deleted organization")
    @APIResponse(responseCode = "409", description = "The organization has no IdP configured")
    @APIResponse(responseCode = "503", description = "Client secret not resolvable, IdP or provisioning unreachable, "
            + "or the gateway still loading")
    public Uni<Response> login(@RestPath("org") String orgName, @RestQuery("redirect_uri") String redirectUri,
            @RestHeader("User-Agent") String userAgent, @RestHeader("X-Request-Id") String requestId,
            RoutingContext routing) {
        String target = redirectTarget(redirectUri);
        ready();
        return logins.target(orgName)
                .invoke(t -> routing.put(OrgTenantResolver.TARGET, t))
                .chain(t -> identities.getDeferredIdentity().chain(identity -> {
                    if (identity.isAnonymous() || !t.tenantId().equals(identity.getAttribute(TENANT_ID_ATTRIBUTE))) {
                        // Not logged in at this org's IdP yet: quarkus-oidc answers with the redirect to it.
                        throw new UnauthorizedException();
                    }
                    return complete(t, identity, target, userAgent, requestId, routing);
                }));
    }

    private Uni<Response> complete(OrgLogins.Target t, SecurityIdentity identity, String target, String userAgent,
            String requestId, RoutingContext routing) {
        NewCookie dropOidcSession = new NewCookie.Builder(SESSION_COOKIE_PREFIX + t.tenantId()).value("").path("/")
                .maxAge(0).httpOnly(true).sameSite(NewCookie.SameSite.LAX).build();
        IdTokenCredential credential = identity.getCredential(IdTokenCredential.class);
        Optional<VerifiedLogin> verified = Optional.ofNullable(credential).map(IdTokenCredential::getToken)
                .flatMap(VerifiedLogin::read)
                .filter(v -> v.issuer().equals(t.org().idp().issuer()));
        if (verified.isEmpty()) {
            LOG.warnf("login of organization %s refused: the ID token is not acceptable", t.org().name());
            return Uni.createFrom().item(problem(401, "Unauthorized", "the identity provider's ID token is not acceptable",
                    dropOidcSession));
        }
        VerifiedLogin login = verified.get();
        var request = new ProvisioningClient.JitRequest(t.org().name(), login.issuer(), login.subject(), login.email(),
                login.emailVerified(), login.claims());
        return provisioning.jit(request, requestId).chain(outcome -> {
            if (outcome instanceof ProvisioningClient.Refused refused) {
                LOG.infof("login of %s at organization %s refused by provisioning (%d)", login.subject(),
                        t.org().name(), refused.status());
                return Uni.createFrom().item(problem(403, "Forbidden",
                        "login refused" + (refused.detail() == null ? "" : ": " + refused.detail()), dropOidcSession));
            }
            ProvisioningClient.JitAccount account = ((ProvisioningClient.Linked) outcome).account();
            Optional<UserStanding> standing = index.user(account.userId());
            if (standing.isPresent() && (!standing.get().isActive() || index.isRefusedByIdp(standing.get()))) {
                return Uni.createFrom().item(problem(403, "Forbidden", "login refused: the account is not active",
                        dropOidcSession));
            }
            String ip = routing.request().remoteAddress() == null ? null
                    : routing.request().remoteAddress().hostAddress();
            return sessions.issue(new SessionIssuer.Login(account.userId(), t.org(), login.issuer(), login.nonce(),
                    login.subject(), login.idpSessionId(), login.authTime(), userAgent, ip))
                    .map(issued -> Response.status(Response.Status.FOUND)
                            .header("Location", target)
                            .header("Cache-Control", "no-store")
                            .cookie(issued.cookie(), dropOidcSession)
                            .build())
                    .onFailure(ProblemException.class).recoverWithItem(f -> {
                        ProblemException p = (ProblemException) f;
                        return problem(p.status(), p.status() == 403 ? "Forbidden" : "Error", p.getMessage(),
                                dropOidcSession);
                    });
        });
    }

    private static Response problem(int status, String title, String detail, NewCookie cookie) {
        return Response.status(status).type(Problem.MEDIA_TYPE).header("Cache-Control", "no-store")
                .entity(new Problem("about:blank", title, status, detail, null, null)).cookie(cookie).build();
    }

    private static String redirectTarget(String requested) {
        return RedirectTarget.of(requested).orElseThrow(() -> ProblemException.invalid(
                "redirect_uri must be a path on this site",
                java.util.List.of(new Problem.FieldError("redirect_uri", "must be a relative path starting with /"))));
    }

    private void ready() {
        if (!index.isReady()) {
            throw ProblemException.unavailable("the gateway is still loading organizations; retry shortly");
        }
    }
}
