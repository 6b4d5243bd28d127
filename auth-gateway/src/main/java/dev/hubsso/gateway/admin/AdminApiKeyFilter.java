package dev.hubsso.gateway.admin;

import dev.hubsso.gateway.config.AdminConfig;
import dev.hubsso.gateway.tokens.TokenCredentials;
import dev.hubsso.kit.problem.Problem;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.security.MessageDigest;

/**
 * Lets a request to an {@link AdminApi} resource through only with {@code Authorization: Bearer
 * <hub.admin.api-key>}; anything else gets a 401 problem before the body is even read. Keys are
 * compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken says nothing
 * about how much of a guess was right, nor about the key's length.
 */
@Provider
@AdminApi
public class AdminApiKeyFilter implements ContainerRequestFilter {

    // Filters are built while the application is being set up, before runtime configuration
    // exists: the key is read on first use.
    private final Instance<AdminConfig> config;
    private volatile byte[] expected;

    public AdminApiKeyFilter(Instance<AdminConfig> config) {
        this.config = config;
    }

    private byte[] expected() {
        byte[] e = expected;
        if (e == null) {
            e = TokenCredentials.sha256(config.get().apiKey());
            expected = e;
        }
        return e;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String presented = TokenCredentials.bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        byte[] digest = TokenCredentials.sha256(presented == null ? "" : presented);
        if (presented == null || presented.isEmpty() || !MessageDigest.isEqual(digest, expected())) {
            Problem problem = new Problem("about:blank", "Unauthorized", 401, "missing or invalid admin API key",
                    request.getUriInfo().getRequestUri().getPath(), null);
            request.abortWith(Response.status(401)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"hub-admin\"")
                    .type(Problem.MEDIA_TYPE)
                    .entity(problem)
                    .build());
        }
    }
}
