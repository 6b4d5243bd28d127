package dev.hubsso.provisioning.accounts;

import dev.hubsso.events.ManagedUsername;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.outbox.Outbox;
import dev.hubsso.provisioning.Clock;
import dev.hubsso.provisioning.accounts.core.AccountLifecycle;
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

    public ScimUserProvisioning(OrgRepository orgs, AccountRepository accounts, Outbox outbox) {
        this.orgs = orgs;
        this.accounts = accounts;
        this.outbox = outbox;
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
            return accounts.findByScimUserIdForUpdate(change.scimUserId()).chain(account -> decideAndStore(org, account, change));
        });
    }

    private Uni<Decision> decideAndStore(Org org, Account account, ScimUserChanged change) {
        String desired;
        try {
            desired = desiredUsername(org, account, change);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(new Skip(SkipKind.REJECTED, "SCIM user " + change.scimUserId() + ": " + e.getMessage()));
        }
        Uni<Boolean> takenByOther = desired == null ? Uni.createFrom().item(false)
                : accounts.findByUsername(desired).map(holder -> holder != null && !holder.scimUserId.equals(change.scimUserId()));
        return takenByOther.chain(taken -> {
            Instant now = Clock.now();
            var ctx = new AccountLifecycle.Context(UUID.randomUUID().toString(), org.defaultRole, desired, taken, now,
                    () -> UUID.randomUUID().toString());
            Decision decision = AccountLifecycle.decide(account == null ? null : account.toRecord(), change, ctx);
            if (!(decision instanceof Apply apply)) {
                return Uni.createFrom().item(decision);
            }
            Account entity = account == null ? new Account() : account;
            entity.apply(apply.after(), now);
            Uni<Void> stored = apply.created() ? accounts.persist(entity).replaceWithVoid() : Uni.createFrom().voidItem();
            return stored.chain(() -> outbox.appendAll(apply.events())).replaceWith(decision);
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
