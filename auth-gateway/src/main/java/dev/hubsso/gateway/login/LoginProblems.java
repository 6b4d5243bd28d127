package dev.hubsso.gateway.login;

import dev.hubsso.kit.problem.Problem;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationCompletionException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Problem bodies for the ways a code flow ends badly, instead of quarkus-oidc's empty answers:
 * a callback with a bad or missing state, a code the IdP will not exchange, an ID token that fails
 * verification (signature, issuer, audience, expiry, nonce) → 401; an IdP that cannot be reached → 503.
 * The details stay in the log.
 */
public class LoginProblems {

    private static final Logger LOG = Logger.getLogger(LoginProblems.class);

    @ServerExceptionMapper
    public Response completion(AuthenticationCompletionException e, UriInfo uri) {
        LOG.infof("login on %s failed: %s", path(uri), e.getMessage());
        return respond(401, "Unauthorized", "the login could not be completed; start it again", uri);
    }

    @ServerExceptionMapper
    public Response provider(OIDCException e, UriInfo uri) {
        LOG.warnf("login on %s failed: identity provider unavailable: %s", path(uri), e.getMessage());
        return respond(503, "Service Unavailable", "the organization's identity provider is unavailable", uri);
    }

    private static Response respond(int status, String title, String detail, UriInfo uri) {
        return Response.status(status).type(Problem.MEDIA_TYPE).header("Cache-Control", "no-store")
                .entity(new Problem("about:blank", title, status, detail, path(uri), null)).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getPath();
    }
}
