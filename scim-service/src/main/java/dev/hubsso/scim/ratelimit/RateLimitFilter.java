package dev.hubsso.scim.ratelimit;

import dev.hubsso.scim.bulk.BulkResource;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.org.OrgDirectory;
import dev.hubsso.scim.org.ScimCaller;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Charges every matched {@code /scim/v2/{org}/...} request to its token's bucket before the
 * resource runs. Only authenticated requests count: a request the directory refuses passes
 * through untouched and gets its 401 / 404 from the resource, exactly as without limiting.
 * {@code /Bulk} charges itself, once it knows how many operations the request holds.
 */
public class RateLimitFilter {

    private final OrgDirectory directory;
    private final ScimRateLimiter limiter;

    public RateLimitFilter(OrgDirectory directory, ScimRateLimiter limiter) {
        this.directory = directory;
        this.limiter = limiter;
    }

    @ServerRequestFilter
    public Optional<Response> limit(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (!limiter.enabled() || resource.getResourceClass() == BulkResource.class) {
            return Optional.empty();
        }
        String org = request.getUriInfo().getPathParameters().getFirst("org");
        if (org == null || !request.getUriInfo().getPath().startsWith("/scim/")) {
            return Optional.empty();
        }
        ScimCaller caller;
        try {
            // a SHA-256 and two map reads: cheap enough to repeat here rather than thread the caller through
            caller = directory.authenticate(org, request.getHeaderString(HttpHeaders.AUTHORIZATION), Instant.now());
        } catch (ScimException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(limiter.charge(caller, 1));
    }
}
