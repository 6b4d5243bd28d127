package dev.hubsso.provisioning.orgs;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A change of an organization's settings: absent (or null) fields stay as they are. Name and
 * short code never change (usernames and URLs depend on them).
 *
 * @param ssoMode {@code managed} or {@code basic}
 * @param publicContentAllowed whether members may create public content
 * @param allowedEmailDomains replaces the list (empty: any domain)
 * @param sessionMaxAgeSeconds SSO session lifetime
 * @param defaultRole role when no mapping rule matches
 * @param idp replaces the IdP connection
 * @param roleMapping replaces the rules; an empty list removes them; when rules exist one must grant {@code admin}
 */
@Schema(name = "UpdateOrg")
public record UpdateOrgRequest(
        @Schema(enumeration = { "managed", "basic" }) String ssoMode,
        Boolean publicContentAllowed,
        List<String> allowedEmailDomains,
        Long sessionMaxAgeSeconds,
        @Schema(enumeration = { "read", "contributor", "write", "admin" }) String defaultRole,
        IdpRequest idp,
        List<RoleRuleJson> roleMapping) {

    /**
     * The org's OpenID Provider.
     *
     * @param issuer issuer URL (https; http only for localhost)
     * @param clientId client id at the IdP
     * @param clientSecretRef where the client secret is stored: {@code env:}, {@code file:}, {@code vault:},
     *        {@code k8s:}, {@code aws-sm:}, {@code gcp-sm:} or {@code azure-kv:} followed by its name
     * @param clientSecret refused: the hub never takes a plaintext secret
     * @param scopes scopes to request (default {@code openid email profile})
     * @param claimPaths overrides of the claim paths by purpose: {@code username}, {@code email},
     *        {@code groups}, {@code externalId}, {@code displayName}
     */
    @Schema(name = "IdpConnection")
    public record IdpRequest(
            @Schema(required = true, examples = "https://login.acme.com") String issuer,
            @Schema(required = true) String clientId,
            @Schema(examples = "vault:secret/hub/acme#client_secret") String clientSecretRef,
            @Schema(hidden = true) String clientSecret,
            List<String> scopes,
            Map<String, String> claimPaths) {

        @Override
        public String toString() {
            // a plaintext secret sent by mistake must not reach a log through toString
            return "IdpRequest[issuer=" + issuer + ", clientId=" + clientId + ", clientSecretRef=" + clientSecretRef
                    + ", clientSecret=" + (clientSecret == null ? "null" : "***") + ", scopes=" + scopes
                    + ", claimPaths=" + claimPaths + "]";
        }
    }
}
