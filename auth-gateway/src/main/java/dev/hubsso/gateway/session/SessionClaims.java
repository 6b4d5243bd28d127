package dev.hubsso.gateway.session;

import java.time.Instant;
import java.util.Objects;

/**
 * What a sealed session cookie carries. Everything here is authenticated by the cookie's
 * encryption; whether the session is still alive (not revoked, account active, younger than the
 * org's session max age) is decided against the revocation index and the session registry.
 *
 * @param sessionId server-side session id (row of the session registry)
 * @param userId hub account id
 * @param orgId organization whose IdP established the session
 * @param authMethod how it was authenticated: {@code sso:<org name>}
 * @param authTime when the user authenticated at the IdP (compared with {@code revokedBefore})
 * @param expiresAt when the session ends, whatever else happens
 */
public record SessionClaims(String sessionId, String userId, String orgId, String authMethod, Instant authTime,
        Instant expiresAt) {

    /** Prefix of {@link #authMethod()} for sessions established through an organization's IdP. */
    public static final String SSO_PREFIX = "sso:";

    public SessionClaims {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(authMethod, "authMethod");
        Objects.requireNonNull(authTime, "authTime");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The {@code authMethod} of a session established through the IdP of the org named {@code orgName}. */
    public static String ssoOf(String orgName) {
        return SSO_PREFIX + orgName;
    }

    /** True if the session was established through the IdP of the org named {@code orgName}. */
    public boolean isSsoOf(String orgName) {
        return authMethod.equals(ssoOf(orgName));
    }

    /** True if the session has not reached its expiry at {@code now}. */
    public boolean unexpiredAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
