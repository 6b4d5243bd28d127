package dev.hubsso.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    /**
     * Public base URL of the gateway as browsers see it (e.g. {@code https://hub.example.com}):
     * where logout sends the browser back, and the origin a logout {@code redirect_uri} must have.
     * Unset: the request's own origin.
     */
    Optional<String> publicUrl();

    /** The server-side session registry's per-replica cache. */
    SessionRegistry sessionRegistry();

    /** RP-initiated and back-channel logout. */
    Logout logout();

    /** Session registry cache ({@code hub.gateway.session-registry.*}). */
    interface SessionRegistry {

        /** Session rows cached per replica, so that verifying a session costs no database read. */
        @WithDefault("100000")
        int cacheSize();

        /**
         * How long a cached session row is trusted. Revocations reach a replica through the
         * revocation index at once; this only bounds how long a row changed behind its back matters.
         */
        @WithDefault("PT5M")
        Duration cacheTtl();

        /** How long an unknown session id is remembered as unknown. */
        @WithDefault("PT5S")
        Duration negativeCacheTtl();
    }

    /** Logout settings ({@code hub.gateway.logout.*}). */
    interface Logout {

        /** Clock skew tolerated on a back-channel logout token's {@code iat}, {@code exp} and {@code nbf}. */
        @WithDefault("PT60S")
        Duration clockSkew();

        /**
         * Oldest back-channel logout token accepted (by {@code iat}); also how long its {@code jti}
         * is remembered against replay.
         */
        @WithDefault("PT10M")
        Duration tokenMaxAge();

        /** How long an IdP's discovery document and JWKS are cached. */
        @WithDefault("PT1H")
        Duration metadataCacheTtl();

        /**
         * Shortest interval between two JWKS refreshes of one IdP forced by an unknown {@code kid}
         * (key rotation), so that tokens with made-up key ids cannot hammer the IdP.
         */
        @WithDefault("PT10S")
        Duration jwksMinRefreshInterval();

        /** Timeout of a discovery or JWKS request to an IdP. */
        @WithDefault("PT5S")
        Duration httpTimeout();
    }

    /** Forward-auth enforcement ({@code /auth/verify}). */
    Verify verify();

    /** The hub's own, non-SSO credentials, accepted for non-managed accounts only. */
    HubCredentials hubCredentials();

    /** Forward-auth settings ({@code hub.gateway.verify.*}). */
    interface Verify {

        /** Path of the login pages a refused browser is sent to: {@code <path>/<org>} or {@code <path>} (discovery). */
        @WithDefault("/login")
        String loginPath();
    }

    /** Signed tokens of the hub's own authentication ({@code hub.gateway.hub-credentials.*}). */
    interface HubCredentials {

        /** JWKS file with the public key(s) that sign hub credentials. One of jwks-file, jwks-url, public-key-pem enables the adapter. */
        Optional<String> jwksFile();

        /** JWKS URL with the public key(s) that sign hub credentials (fetched and cached). */
        Optional<String> jwksUrl();

        /** PEM public key ({@code -----BEGIN PUBLIC KEY-----}) that signs hub credentials. */
        Optional<String> publicKeyPem();

        /** Required {@code iss} of hub credentials. */
        @WithDefault("hub")
        String issuer();

        /** Signature algorithms accepted; anything else (including {@code none} and HMAC) is refused. */
        @WithDefault("RS256,ES256")
        List<String> algorithms();

        /** Prefix of a hub credential in {@code Authorization: Bearer <prefix><JWT>}. */
        @WithDefault("hubpw_")
        String bearerPrefix();

        /** Cookie that carries a hub password session as a JWT. */
        @WithDefault("hub_legacy_session")
        String cookieName();

        /** Claim with the username (the subject is the hub account id). */
        @WithDefault("preferred_username")
        String usernameClaim();

        /** Clock skew allowed on {@code exp}/{@code nbf}. */
        @WithDefault("PT30S")
        Duration clockSkew();
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
