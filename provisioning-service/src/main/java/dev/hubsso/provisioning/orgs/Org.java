package dev.hubsso.provisioning.orgs;

import dev.hubsso.events.OrgConfig.SsoMode;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An organization and its SSO settings; see {@code V1_1__orgs_tokens_accounts.sql}. */
@Entity
@Table(name = "orgs")
public class Org {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(name = "short_code", nullable = false)
    public String shortCode;

    @Enumerated(EnumType.STRING)
    @Column(name = "sso_mode", nullable = false)
    public SsoMode ssoMode;

    @Column(name = "public_content_allowed", nullable = false)
    public boolean publicContentAllowed;

    @Convert(converter = CommaSeparatedList.class)
    @Column(name = "allowed_email_domains", nullable = false)
    public List<String> allowedEmailDomains = new ArrayList<>();

    @Column(name = "session_max_age_seconds", nullable = false)
    public long sessionMaxAgeSeconds;

    @Column(name = "default_role", nullable = false)
    public String defaultRole;

    @Column(name = "idp_issuer")
    public String idpIssuer;

    @Column(name = "idp_client_id")
    public String idpClientId;

    /** Where the IdP client secret is stored (e.g. {@code vault:...}); never the secret itself. */
    @Column(name = "idp_client_secret_ref")
    public String idpClientSecretRef;

    @Convert(converter = CommaSeparatedList.class)
    @Column(name = "idp_scopes", nullable = false)
    public List<String> idpScopes = new ArrayList<>();

    /** Overrides of the default claim paths, by purpose (see {@link ClaimPaths}). */
    @Convert(converter = JsonText.StringMap.class)
    @Column(name = "claim_paths", nullable = false)
    public Map<String, String> claimPaths = Map.of();

    @Convert(converter = JsonText.Rules.class)
    @Column(name = "role_mapping", nullable = false)
    public List<RoleRuleJson> roleMapping = List.of();

    /** The claim paths in effect: defaults overridden by the org's settings. */
    public ClaimPaths effectiveClaimPaths() {
        return ClaimPaths.of(claimPaths);
    }

    /** Incremented on every change; the version of the published OrgConfig snapshot. */
    @Column(nullable = false)
    public long version;

    @Column(nullable = false)
    public Instant created;

    @Column(nullable = false)
    public Instant updated;
}
