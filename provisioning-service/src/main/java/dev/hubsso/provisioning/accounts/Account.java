package dev.hubsso.provisioning.accounts;

import dev.hubsso.events.UserState.UserStatus;
import dev.hubsso.provisioning.accounts.core.AccountRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
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

    @Column(name = "scim_user_id", nullable = false)
    public String scimUserId;

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
                status, orgRole, revokedBefore, userVersion, lastScimVersion);
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
        revokedBefore = r.revokedBefore();
        userVersion = r.userVersion();
        lastScimVersion = r.lastScimVersion();
        if (created == null) {
            created = now;
        }
        updated = now;
    }
}
