package dev.hubsso.events;

import java.time.Instant;
import java.util.List;

/**
 * Latest snapshot of an organization and its SSO settings, on the compacted
 * {@link Topics#ORG_CONFIG}. Never carries a secret: SCIM tokens travel as SHA-256 hashes and
 * the IdP client secret as a reference to where it is stored.
 *
 * @param orgId organization id (record key)
 * @param name organization name, as in URLs
 * @param shortCode suffix of managed usernames
 * @param ssoMode {@code managed} or {@code basic}
 * @param publicContentAllowed whether members may create public content in the org
 * @param sessionMaxAgeSeconds how long an SSO session of this org lasts
 * @param allowedEmailDomains email domains of the org's users
 * @param defaultRole role given when no role mapping rule matches
 * @param scimTokens the valid SCIM tokens, hashed
 * @param idp the OIDC connection, or null when none is configured
 * @param version organization version; a consumer keeps the highest it has seen
 * @param deleted true when the organization was removed
 * @param occurredAt when this snapshot was taken
 */
public record OrgConfig(
        String orgId,
        String name,
        String shortCode,
        SsoMode ssoMode,
        boolean publicContentAllowed,
        long sessionMaxAgeSeconds,
        List<String> allowedEmailDomains,
        String defaultRole,
        List<ScimTokenHash> scimTokens,
        IdpConnection idp,
        long version,
        boolean deleted,
        Instant occurredAt) implements HubEvent {

    /** Default SSO session lifetime: 7 days. */
    public static final long DEFAULT_SESSION_MAX_AGE_SECONDS = 7L * 24 * 3600;

    public OrgConfig {
        allowedEmailDomains = allowedEmailDomains == null ? List.of() : List.copyOf(allowedEmailDomains);
        scimTokens = scimTokens == null ? List.of() : List.copyOf(scimTokens);
    }

    @Override
    public String ceId() {
        return orgId + "@" + version;
    }

    @Override
    public String key() {
        return orgId;
    }

    /** How an organization uses SSO. */
    public enum SsoMode {
        /** The IdP owns the members' accounts (managed accounts). */
        MANAGED,
        /** SSO gates access to the org's resources; accounts stay the users' own. */
        BASIC
    }

    /**
     * A SCIM bearer token, as its hash.
     *
     * @param tokenId public id of the token
     * @param sha256 lowercase hex SHA-256 of the token string
     * @param createdAt when it was issued
     * @param expiresAt when it stops working, or null
     */
    public record ScimTokenHash(String tokenId, String sha256, Instant createdAt, Instant expiresAt) {

        /**
         * The hash of a SCIM token as it travels here: lowercase hex SHA-256 of the token string's
         * UTF-8 bytes (prefix included). Provisioning stores it; scim-service checks bearer tokens
         * against it. Tokens are 256-bit random strings, so an unsalted fast hash is enough.
         */
        public static String digest(String token) {
            try {
                byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return java.util.HexFormat.of().formatHex(d);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
            }
        }
    }

    /**
     * The organization's OpenID Provider.
     *
     * @param issuer issuer URL
     * @param clientId client id at the IdP
     * @param clientSecretRef where the client secret is stored (never the secret itself)
     * @param scopes scopes to request
     */
    public record IdpConnection(String issuer, String clientId, String clientSecretRef, List<String> scopes) {
        public IdpConnection {
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }
    }
}
