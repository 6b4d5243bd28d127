package dev.hubsso.scim.ratelimit;

import dev.hubsso.scim.config.ScimConfig;
import dev.hubsso.scim.org.ScimCaller;
import dev.hubsso.scim.web.ScimExceptionMappers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/**
 * Rate limiting per SCIM token ({@code hub.scim.rate-limit.*}): a token bucket per
 * (organization, token id), refilled at {@code requests-per-second} up to {@code burst}. Every
 * authenticated SCIM request costs 1; a Bulk request costs one per operation (that is its load).
 * Over the limit the answer is 429 with {@code Retry-After} in seconds and a SCIM error body.
 *
 * <p>Buckets live in the memory of each replica: with N replicas behind a load balancer a token
 * gets up to N times the configured rate in total.
 */
@ApplicationScoped
public class ScimRateLimiter {

    private final boolean enabled;
    private final TokenBucketLimiter buckets;

    public ScimRateLimiter(ScimConfig config) {
        ScimConfig.RateLimit c = config.rateLimit();
        this.enabled = c.enabled();
        this.buckets = new TokenBucketLimiter(c.requestsPerSecond(), c.burst(), System::nanoTime);
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Takes {@code cost} requests' worth from the caller's token bucket.
     *
     * @return null when the request may proceed, else the 429 response to send
     */
    public Response charge(ScimCaller caller, int cost) {
        if (!enabled) {
            return null;
        }
        TokenBucketLimiter.Decision d = buckets.tryAcquire(caller.orgId() + '\n' + caller.tokenId(), Math.max(1, cost));
        if (d.allowed()) {
            return null;
        }
        long seconds = d.retryAfterSeconds();
        return Response.fromResponse(ScimExceptionMappers.respond(429, null,
                "too many requests for this SCIM token; retry after " + seconds + " s"))
                .header("Retry-After", Long.toString(seconds))
                .build();
    }
}
