package dev.hubsso.provisioning.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Admin API settings ({@code hub.admin.*}). */
@ConfigMapping(prefix = "hub.admin")
public interface AdminConfig {

    /**
     * Bearer API key that authenticates admin requests until OIDC admin tokens replace it.
     * Unset: every admin request is refused (fail closed).
     */
    Optional<String> apiKey();

    /** Realm announced in the {@code WWW-Authenticate} challenge. */
    @WithDefault("hub-admin")
    String realm();
}
