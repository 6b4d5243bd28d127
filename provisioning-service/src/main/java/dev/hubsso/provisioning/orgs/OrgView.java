package dev.hubsso.provisioning.orgs;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An organization as the admin API shows it.
 *
 * @param id organization id (the key of its OrgConfig events, the {@code orgId} of its accounts)
 * @param name name as in hub URLs
 * @param shortCode managed-username suffix
 * @param ssoMode {@code managed} or {@code basic}
 * @param publicContentAllowed whether members may create public content
 * @param allowedEmailDomains email domains of the org's users
 * @param sessionMaxAgeSeconds SSO session lifetime
 * @param defaultRole role when no mapping rule matches
 * @param idp the OIDC connection (the client secret as a reference only), or null
 * @param roleMapping role mapping rules, in order
 * @param version version of the latest OrgConfig snapshot
 * @param created creation time
 * @param updated time of the latest change
 */
@Schema(name = "Org")
public record OrgView(
        String id,
        String name,
        String shortCode,
        @Schema(enumeration = { "managed", "basic" }) String ssoMode,
        boolean publicContentAllowed,
        List<String> allowedEmailDomains,
        long sessionMaxAgeSeconds,
        String defaultRole,
        IdpView idp,
        List<RoleRuleJson> roleMapping,
        long version,
        Instant created,
        Instant updated) {

    /**
     * An IdP connection as shown: never a secret, only where it is stored.
     *
     * @param issuer issuer URL
     * @param clientId client id
     * @param clientSecretRef reference to the stored client secret, or null
     * @param scopes requested scopes
     * @param claimPaths claim paths in effect, by purpose (defaults included)
     */
    @Schema(name = "IdpConnectionView")
    public record IdpView(String issuer, String clientId, String clientSecretRef, List<String> scopes,
            Map<String, String> claimPaths) {
    }

    /** The view of an org. */
    public static OrgView of(Org org) {
        IdpView idp = org.idpIssuer == null ? null
                : new IdpView(org.idpIssuer, org.idpClientId, org.idpClientSecretRef, List.copyOf(org.idpScopes),
                        org.effectiveClaimPaths().asMap());
        return new OrgView(org.id.toString(), org.name, org.shortCode, org.ssoMode.name().toLowerCase(Locale.ROOT),
                org.publicContentAllowed, List.copyOf(org.allowedEmailDomains), org.sessionMaxAgeSeconds,
                org.defaultRole, idp, List.copyOf(org.roleMapping), org.version, org.created, org.updated);
    }
}
