package dev.hubsso.provisioning.accounts;

import dev.hubsso.events.ManagedUsername;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.outbox.Outbox;
import dev.hubsso.provisioning.Clock;
import dev.hubsso.provisioning.accounts.core.AccountLifecycle;
import dev.hubsso.provisioning.accounts.core.AccountRecord;
import dev.hubsso.provisioning.audit.Actor;
import dev.hubsso.provisioning.audit.AuditLog;
import dev.hubsso.provisioning.roles.RoleSync;
import dev.hubsso.provisioning.accounts.core.AccountLifecycle.Apply;
import dev.hubsso.provisioning.accounts.core.AccountLifecycle.Decision;
import dev.hubsso.provisioning.accounts.core.AccountLifecycle.Skip;
import dev.hubsso.provisioning.accounts.core.AccountLifecycle.SkipKind;
import dev.hubsso.provisioning.orgs.Org;
import dev.hubsso.provisioning.orgs.OrgRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Applies a SCIM user change to its hub account: the account row and the events announcing the
 * change commit in one transaction (outbox), the rules are {@link AccountLifecycle}'s.
 */
@ApplicationScoped
public class ScimUserProvisioning {

    private final OrgRepository orgs;
    private final AccountRepository accounts;
    private final Outbox outbox;
    private final AuditLog audit;
    private final RoleSync roles;

    public ScimUserProvisioning(OrgRepository orgs, AccountRepository accounts, Outbox outbox, AuditLog audit,
            RoleSync roles) {
        this.orgs = orgs;
        this.accounts = accounts;
        this.outbox = outbox;
        this.audit = audit;
        this.roles = roles;
    }

    /** Applies one change; what happened (or why nothing did) is in the returned decision. */
    @WithTransaction
    public Uni<Decision> apply(ScimUserChanged change) {
        UUID orgId = parseUuid(change.orgId());
        if (orgId == null) {
            return Uni.createFrom().item(new Skip(SkipKind.REJECTED, "unknown organization " + change.orgId()));
        }
        return orgs.findById(orgId).chain(org -> {
            if (org == null) {
                return Uni.createFrom().item((Decision) new Skip(SkipKind.REJECTED, "unknown organization " + change.orgId()));
            }
            return accounts.findByScimUserIdForUpdate(change.scimUserId())
                    .chain(account -> account != null ? Uni.createFrom().item(account) : jitAccount(org, change))
                    .chain(account -> decideAndStore(org, account, change));
        });
    }

    /**
     * An account created just in time for the same person, which this SCIM user now takes over
     * (JIT then SCIM yields one account): matched by externalId, else by email (SCIM is the IdP
     * itself speaking, so its email is trusted). The SCIM user id is bound to it here.
     */
    private Uni<Account> jitAccount(Org org, ScimUserChanged change) {
        if (change.user() == null || change.change() == dev.hubsso.events.ScimChange.Change.DELETED) {
            return Uni.createFrom().nullItem();
        }
        String externalId = blankToNull(change.user().externalId());
        String email = blankToNull(change.user().email());
        Uni<Account> byExternalId = externalId == null ? Uni.createFrom().nullItem()
                : accounts.findUnlinkedByExternalIdForUpdate(org.id, externalId);
        return byExternalId.chain(a -> a != null || email == null ? Uni.createFrom().item(a)
                : accounts.findUnlinkedByEmailForUpdate(org.id, email))
                .invoke(a -> {
                    if (a != null) {
                        a.scimUserId = change.scimUserId();
                    }
                });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private Uni<Decision> decideAndStore(Org org, Account account, ScimUserChanged change) {
        String desired;
        Actor actor = new Actor(change.actor() == null ? "scim" : change.actor(), change.eventId());
        try {
            desired = desiredUsername(org, account, change);
        } catch (IllegalArgumentException e) {
            Skip skip = new Skip(SkipKind.REJECTED, "SCIM user " + change.scimUserId() + ": " + e.getMessage());
            return auditRejection(org, change, actor, skip, null, null).replaceWith(skip);
        }
        Uni<Account> otherHolder = desired == null ? Uni.createFrom().nullItem()
                : accounts.findByUsername(desired).map(holder -> holder != null && (account == null || !holder.id.equals(account.id))
                        ? holder : null);
        return otherHolder.chain(holder -> {
            boolean taken = holder != null;
            Instant now = Clock.now();
            var ctx = new AccountLifecycle.Context(UUID.randomUUID().toString(), org.defaultRole, desired, taken, now,
                    () -> UUID.randomUUID().toString());
            Decision decision = AccountLifecycle.decide(account == null ? null : account.toRecord(), change, ctx);
            if (!(decision instanceof Apply apply)) {
                return decision instanceof Skip skip && skip.kind() == SkipKind.REJECTED
                        ? auditRejection(org, change, actor, skip, desired, holder).replaceWith(decision)
                        : Uni.createFrom().item(decision);
            }
            AccountRecord before = account == null ? null : account.toRecord();
            boolean firstScim = account == null || before.lastScimVersion() == 0;
            Account entity = account == null ? new Account() : account;
            entity.apply(apply.after(), now);
            Uni<Void> stored = apply.created() ? accounts.persist(entity).replaceWithVoid() : Uni.createFrom().voidItem();
            return stored.chain(() -> outbox.appendAll(apply.events()))
                    .chain(() -> apply.note() == null || holder == null ? Uni.createFrom().voidItem()
                            : audit.record(org.id, actor, "account.scim-rename-refused", "user:" + entity.username, null,
                                    rejection(change, apply.note(), desired, holder), now))
                    .chain(() -> apply.events().isEmpty() ? Uni.createFrom().voidItem()
                            : audit.record(org.id, actor, "account.scim-" + change.change().name().toLowerCase(java.util.Locale.ROOT),
                                    "user:" + entity.username, before, apply.after(), now))
                    // group events may have arrived before the user: its first SCIM change re-applies the roles
                    .chain(() -> firstScim && RoleSync.applicable(entity) ? roles.apply(org, entity, actor, now)
                            : Uni.createFrom().item(false))
                    .replaceWith(decision);
        });
    }

    /**
     * A SCIM change the hub could not apply is audited with its SCIM user id (the IdP saw it
     * accepted; scim-service's username index makes this rare, ADR 0006), so an org admin can find
     * it under {@code scim-user:<id>}.
     */
    private Uni<Void> auditRejection(Org org, ScimUserChanged change, Actor actor, Skip skip, String desired,
            Account holder) {
        return audit.record(org.id, actor, "account.scim-rejected", "scim-user:" + change.scimUserId(), null,
                rejection(change, skip.reason(), desired, holder), Clock.now());
    }

    private static Map<String, Object> rejection(ScimUserChanged change, String reason, String desired, Account holder) {
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("scimUserId", change.scimUserId());
        what.put("scimVersion", change.version());
        what.put("change", change.change().name());
        what.put("reason", reason);
        if (desired != null) {
            what.put("username", desired);
        }
        if (holder != null) {
            what.put("heldBy", holder.id.toString());
            what.put("heldByStatus", holder.status.name());
        }
        return what;
    }

    /**
     * The username the SCIM user maps to: the one scim-service derived and showed the IdP, or,
     * from an older producer that did not send it, the same derivation done here.
     */
    private static String desiredUsername(Org org, Account account, ScimUserChanged change) {
        if (change.user() == null) {
            return account == null ? null : account.username;
        }
        String hub = change.user().hubUsername();
        if (hub != null && !hub.isBlank()) {
            if (!ManagedUsername.isValid(hub)) {
                throw new IllegalArgumentException("hubUsername '" + hub + "' breaks the hub username rules");
            }
            return hub;
        }
        return ManagedUsername.derive(change.user().userName(), org.shortCode);
    }

    private static UUID parseUuid(String s) {
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
