package dev.hubsso.provisioning.accounts;

import dev.hubsso.events.UserState.UserStatus;
import dev.hubsso.provisioning.accounts.core.AccountRecord;
import dev.hubsso.provisioning.orgs.JsonText;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A hub account; see {@code V1_1__orgs_tokens_accounts.sql}. */
@Entity
@Table(name = "accounts")
public class Account {

    /** The hub user id. */
    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public UUID orgId;

    /** Null for an account created just in time that SCIM has not pushed (yet). */
    @Column(name = "scim_user_id")
    public String scimUserId;

    /** {@code scim} or {@code jit}: how the account was created. */
    @Column(nullable = false)
    public String source = "scim";

    /** The IdP login linked to the account (set at its first JIT login). */
    @Column(name = "idp_issuer")
    public String idpIssuer;

    @Column(name = "idp_subject")
    public String idpSubject;

    /** Claims of the latest login, re-evaluated by the role mapping on SCIM group changes. */
    @Convert(converter = JsonText.ObjectMap.class)
    @Column(name = "last_claims")
    public Map<String, Object> lastClaims;

    @Convert(converter = JsonText.StringMap.class)
    @Column(name = "resource_group_roles", nullable = false)
    public Map<String, String> resourceGroupRoles = Map.of();

    @Column(nullable = false)
    public String username;

    public String email;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "external_id")
    public String externalId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public UserStatus status;

    @Column(name = "org_role", nullable = false)
    public String orgRole;

    @Column(name = "revoked_before")
    public Instant revokedBefore;

    @Column(name = "user_version", nullable = false)
    public long userVersion;

    @Column(name = "last_scim_version", nullable = false)
    public long lastScimVersion;

    @Column(nullable = false)
    public Instant created;

    @Column(nullable = false)
    public Instant updated;

    /** The account as the lifecycle rules see it. */
    public AccountRecord toRecord() {
        return new AccountRecord(id.toString(), orgId.toString(), scimUserId, username, email, displayName, externalId,
                status, orgRole, resourceGroupRoles, revokedBefore, userVersion, lastScimVersion);
    }

    /** Copies the rules' outcome into this entity. */
    public void apply(AccountRecord r, Instant now) {
        id = UUID.fromString(r.id());
        orgId = UUID.fromString(r.orgId());
        scimUserId = r.scimUserId();
        username = r.username();
        email = r.email();
        displayName = r.displayName();
        externalId = r.externalId();
        status = r.status();
        orgRole = r.orgRole();
        resourceGroupRoles = r.resourceGroupRoles();
        revokedBefore = r.revokedBefore();
        userVersion = r.userVersion();
        lastScimVersion = r.lastScimVersion();
        if (created == null) {
            created = now;
        }
        updated = now;
    }
}
