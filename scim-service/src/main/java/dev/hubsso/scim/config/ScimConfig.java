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
}
