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

    /** Incremented on every change; the version of the published OrgConfig snapshot. */
    @Column(nullable = false)
    public long version;

    @Column(nullable = false)
    public Instant created;

    @Column(nullable = false)
    public Instant updated;
}
