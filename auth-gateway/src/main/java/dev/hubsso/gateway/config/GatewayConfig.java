package dev.hubsso.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Gateway settings ({@code hub.gateway.*}). */
@ConfigMapping(prefix = "hub.gateway")
public interface GatewayConfig {

    /** API tokens. */
    Tokens tokens();

    /** Browser sessions. */
    Session session();

    /**
     * Base URL of provisioning-service, whose {@code POST /internal/jit} links or creates the
     * account of every verified login.
     */
    @WithDefault("http://localhost:8082")
    String provisioningUrl();

    /** Per-org OIDC login. */
    Login login();

    /** Login settings ({@code hub.gateway.login.*}). */
    interface Login {

        /** How long a login waits for provisioning's JIT answer before it fails with 503. */
        @WithDefault("PT5S")
        Duration jitTimeout();

        /** How long a started login (the state cookie) may take at the IdP before it must start over. */
        @WithDefault("PT10M")
        Duration stateCookieAge();
    }

    /** Session settings ({@code hub.gateway.session.*}). */
    interface Session {

        /**
         * Keys that seal the session cookie, as {@code <key id>:<base64 of 32 bytes>}, comma
         * separated. The first seals; all open. Every replica needs the same list. No default in prod.
         */
        java.util.List<String> keys();

        /** Name of the session cookie. */
        @WithDefault("hub_session")
        String cookieName();

        /** Whether the cookie is {@code Secure}; turn off only for plain-http local stacks. */
        @WithDefault("true")
        boolean secureCookie();
    }

    /** API token settings ({@code hub.gateway.tokens.*}). */
    interface Tokens {

        /** Longest lifetime an admin may give a token ({@code expiresInSeconds}); tokens without one never expire. */
        @WithDefault("P366D")
        Duration maxLifetime();

        /** Tokens kept in memory per replica, so that a known token costs no database read. */
        @WithDefault("100000")
        int cacheSize();

        /**
         * How long a cached token is trusted before it is read again. Revocations reach the cache
         * through events at once; this only bounds how long a missed one could matter.
         */
        @WithDefault("PT5M")
        Duration cacheTtl();

        /** Unknown token hashes remembered per replica, so that repeated garbage costs one database read. */
        @WithDefault("10000")
        int negativeCacheSize();

        /** How long an unknown token hash is remembered. */
        @WithDefault("PT10S")
        Duration negativeCacheTtl();
    }
}
