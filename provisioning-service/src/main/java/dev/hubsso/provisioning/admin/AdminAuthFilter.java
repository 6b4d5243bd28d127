package dev.hubsso.provisioning.admin;

import dev.hubsso.kit.problem.Problem;
import dev.hubsso.provisioning.config.AdminConfig;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Guards every {@link AdminOnly} resource: a bearer credential that the {@link AdminAuthenticator}
 * accepts, or 401 with a problem body and a {@code WWW-Authenticate: Bearer} challenge
 * (RFC 6750); 403 ({@code insufficient_scope}) for a valid OIDC token without the admin role. The admin is left in the request for the resources (audit actor).
 */
public class AdminAuthFilter {

    /** Request property holding the {@link AdminPrincipal}. */
    public static final String PRINCIPAL = AdminAuthFilter.class.getName() + ".principal";

    /** Header carrying the caller's request id (recorded in the audit log; generated when absent). */
    public static final String REQUEST_ID = "X-Request-Id";

    private final AdminAuthenticator authenticator;
    private final AdminContext context;
    private final String realm;

    public AdminAuthFilter(AdminAuthenticator authenticator, AdminContext context, AdminConfig config) {
        this.authenticator = authenticator;
        this.context = context;
        this.realm = config.realm();
    }

    @ServerRequestFilter
    public Uni<Response> authenticate(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null
                || !resource.getResourceClass().isAnnotationPresent(AdminOnly.class)) {
            return Uni.createFrom().nullItem();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String token = bearer(header);
        return authenticator.authenticate(token).map(admin -> {
            if (admin.isPresent()) {
                request.setProperty(PRINCIPAL, admin.get());
                context.set(admin.get(), request.getHeaderString(REQUEST_ID));
                return null;
            }
            return challenge(request, header == null ? null : "invalid_token");
        }).onFailure(OidcAdminAuthenticator.InsufficientRole.class).recoverWithItem(f -> forbidden(request));
    }

    private Response forbidden(ContainerRequestContext request) {
        // RFC 6750 §3.1: a valid token without the scope (here: role) the resource needs
        String challenge = "Bearer realm=\"" + realm + "\", error=\"insufficient_scope\"";
        Problem problem = new Problem("about:blank", "Forbidden", 403, "the token does not carry the admin role",
                request.getUriInfo().getRequestUri().getPath(), null);
        return Response.status(403).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .entity(problem).build();
    }

    private Response challenge(ContainerRequestContext request, String error) {
        // RFC 6750 §3.1: no error code when the request carried no credential at all
        String challenge = "Bearer realm=\"" + realm + "\"" + (error == null ? "" : ", error=\"" + error + "\"");
        String detail = error == null ? "an admin bearer token is required" : "the bearer token is not an admin credential";
        Problem problem = new Problem("about:blank", "Unauthorized", 401, detail,
                request.getUriInfo().getRequestUri().getPath(), null);
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .entity(problem).build();
    }

    static String bearer(String header) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = h.substring(7).strip();
        return token.isEmpty() ? null : token;
    }
}
