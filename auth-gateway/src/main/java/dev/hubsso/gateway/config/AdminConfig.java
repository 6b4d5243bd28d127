package dev.hubsso.gateway.config;

import io.smallrye.config.ConfigMapping;

/** The admin API ({@code hub.admin.*}). */
@ConfigMapping(prefix = "hub.admin")
public interface AdminConfig {

    /**
     * Bearer key that authenticates calls to {@code /admin/*} ({@code HUB_ADMIN_API_KEY} in the
     * environment). No default: the gateway does not start without one.
     */
    String apiKey();
}
