package dev.hubsso.provisioning.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Admin API settings ({@code hub.admin.*}). */
@ConfigMapping(prefix = "hub.admin")
public interface AdminConfig {

    /**
     * Bearer API key accepted besides OIDC admin tokens (the local stack's fallback). Unset: only
     * OIDC admin tokens are accepted; with OIDC disabled too, every admin request is refused.
     */
    Optional<String> apiKey();

    /** Role an OIDC access token must carry (in its {@code groups} claim, or as configured by {@code quarkus.oidc.roles.*}). */
    @WithDefault("hub-admin")
    String oidcRole();

    /** Realm announced in the {@code WWW-Authenticate} challenge. */
    @WithDefault("hub-admin")
    String realm();
}
