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
        try {
            desired = desiredUsername(org, account, change);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(new Skip(SkipKind.REJECTED, "SCIM user " + change.scimUserId() + ": " + e.getMessage()));
        }
        Uni<Boolean> takenByOther = desired == null ? Uni.createFrom().item(false)
                : accounts.findByUsername(desired).map(holder -> holder != null && (account == null || !holder.id.equals(account.id)));
        return takenByOther.chain(taken -> {
            Instant now = Clock.now();
            var ctx = new AccountLifecycle.Context(UUID.randomUUID().toString(), org.defaultRole, desired, taken, now,
                    () -> UUID.randomUUID().toString());
            Decision decision = AccountLifecycle.decide(account == null ? null : account.toRecord(), change, ctx);
            if (!(decision instanceof Apply apply)) {
                return Uni.createFrom().item(decision);
            }
            AccountRecord before = account == null ? null : account.toRecord();
            boolean firstScim = account == null || before.lastScimVersion() == 0;
            Account entity = account == null ? new Account() : account;
            entity.apply(apply.after(), now);
            Uni<Void> stored = apply.created() ? accounts.persist(entity).replaceWithVoid() : Uni.createFrom().voidItem();
            Actor actor = new Actor(change.actor() == null ? "scim" : change.actor(), change.eventId());
            return stored.chain(() -> outbox.appendAll(apply.events()))
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
