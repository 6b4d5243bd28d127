package dev.hubsso.scim.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/** SCIM service settings ({@code hub.scim.*}). */
@ConfigMapping(prefix = "hub.scim")
public interface ScimConfig {

    /**
     * Public base URL of the service (scheme, host, port, optional path), used for
     * {@code meta.location} and {@code Location}; when absent, the request's own URL is used
     * (honouring {@code X-Forwarded-*} when {@code quarkus.http.proxy.*} allows it).
     */
    Optional<URI> publicBaseUrl();

    /** Largest page a list request returns ({@code count} above it is capped). */
    @WithDefault("100")
    int maxResults();

    /** {@code /Bulk} limits (RFC 7644 §3.7.4), advertised in {@code /ServiceProviderConfig}. */
    Bulk bulk();

    /** Rate limiting per SCIM token. */
    RateLimit rateLimit();

    /** Group commit of user creates. */
    CreateBatch createBatch();

    /** {@code hub.scim.bulk.*}. */
    interface Bulk {

        /** Most operations in one Bulk request; more is 413. */
        @WithDefault("1000")
        int maxOperations();

        /**
         * Largest request body in bytes, for {@code /Bulk} and every other SCIM request; more is
         * 413. {@code quarkus.http.limits.max-body-size} must stay above it.
         */
        @WithDefault("1048576")
        int maxPayloadSize();
    }

    /** {@code hub.scim.rate-limit.*}: a token bucket per SCIM token, in memory on each replica. */
    interface RateLimit {

        /** Whether requests are rate limited at all. */
        @WithDefault("true")
        boolean enabled();

        /** Sustained requests per second per token (a Bulk operation counts as a request). */
        @WithDefault("100")
        int requestsPerSecond();

        /** Requests a token may make at once after being idle. */
        @WithDefault("200")
        int burst();
    }

    /**
     * {@code hub.scim.create-batch.*}: user creates that arrive while earlier ones are being
     * written are written together, one statement and one transaction per batch. Nothing waits
     * for a batch to fill: an idle service writes each create at once.
     */
    interface CreateBatch {

        /** Statements writing creates at once; more creates queue for the next statement. */
        @WithDefault("1")
        int maxInFlight();

        /** Most creates in one statement. */
        @WithDefault("64")
        int maxSize();
    }
}
