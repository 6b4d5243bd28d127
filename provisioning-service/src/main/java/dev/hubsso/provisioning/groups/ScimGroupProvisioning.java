package dev.hubsso.provisioning.groups;

import dev.hubsso.events.ScimChange.Change;
import dev.hubsso.events.ScimGroupChanged;
import dev.hubsso.provisioning.Clock;
import dev.hubsso.provisioning.accounts.AccountRepository;
import dev.hubsso.provisioning.audit.Actor;
import dev.hubsso.provisioning.audit.AuditLog;
import dev.hubsso.provisioning.orgs.Org;
import dev.hubsso.provisioning.orgs.OrgRepository;
import dev.hubsso.provisioning.roles.RoleSync;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Applies a SCIM group change: stores the group and its members, then re-applies the role
 * mapping to every member whose groups changed (joined, left, or the group was renamed or
 * deleted). Roles are additive, so a member who leaves one group keeps the highest role their
 * other groups still grant. Same idempotency as users: a version not newer than the last applied
 * one changes nothing, and a deleted group never comes back.
 */
@ApplicationScoped
public class ScimGroupProvisioning {

    /** What happened, for the consumer's log. */
    public record Result(boolean applied, String reason, int membersReevaluated, int rolesChanged) {
    }

    private final OrgRepository orgs;
    private final ScimGroupRepository groups;
    private final AccountRepository accounts;
    private final RoleSync roles;
    private final AuditLog audit;

    public ScimGroupProvisioning(OrgRepository orgs, ScimGroupRepository groups, AccountRepository accounts,
            RoleSync roles, AuditLog audit) {
        this.orgs = orgs;
        this.groups = groups;
        this.accounts = accounts;
        this.roles = roles;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<Result> apply(ScimGroupChanged change) {
        UUID orgId;
        try {
            orgId = UUID.fromString(change.orgId());
        } catch (IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().item(new Result(false, "unknown organization " + change.orgId(), 0, 0));
        }
        return orgs.findById(orgId).chain(org -> org == null
                ? Uni.createFrom().item(new Result(false, "unknown organization " + change.orgId(), 0, 0))
                : groups.findForUpdate(change.scimGroupId()).chain(group -> apply(org, group, change)));
    }

    private Uni<Result> apply(Org org, ScimGroup group, ScimGroupChanged change) {
        if (group != null && group.deleted) {
            return Uni.createFrom().item(new Result(false, "group " + change.scimGroupId() + " is deleted", 0, 0));
        }
        if (group != null && change.version() <= group.lastScimVersion) {
            return Uni.createFrom().item(new Result(false, "SCIM version " + change.version() + " already applied", 0, 0));
        }
        if (group != null && !group.orgId.equals(org.id)) {
            return Uni.createFrom().item(new Result(false, "group belongs to another organization", 0, 0));
        }
        boolean deleted = change.change() == Change.DELETED;
        boolean isNew = group == null;
        ScimGroup g = isNew ? new ScimGroup() : group;
        String oldName = isNew ? null : g.displayName;
        Uni<Set<String>> before = isNew ? Uni.createFrom().item(Set.<String>of()) : groups.members(g.scimGroupId);
        return before.chain(old -> {
            Set<String> now = deleted ? Set.of() : new HashSet<>(change.memberIds());
            g.scimGroupId = change.scimGroupId();
            g.orgId = org.id;
            if (!deleted) {
                g.displayName = change.displayName();
                g.externalId = change.externalId();
            }
            g.lastScimVersion = change.version();
            g.deleted = deleted;
            Set<String> added = new TreeSet<>(now);
            added.removeAll(old);
            Set<String> removed = new TreeSet<>(old);
            removed.removeAll(now);
            Set<String> affected = new TreeSet<>();
            if (deleted || !Objects.equals(oldName, g.displayName)) {
                affected.addAll(old);
                affected.addAll(now);
            } else {
                affected.addAll(added);
                affected.addAll(removed);
            }
            Instant at = Clock.now();
            Actor actor = new Actor(change.actor() == null ? "scim" : change.actor(), change.eventId());
            Uni<?> stored = isNew ? groups.persist(g) : Uni.createFrom().voidItem();
            int[] changed = { 0 };
            Uni<Void> chain = stored.chain(() -> groups.flush())
                    .chain(() -> groups.replaceMembers(g.scimGroupId, added, removed));
            for (String scimUserId : affected) {
                chain = chain.chain(() -> accounts.findByScimUserIdForUpdate(scimUserId).chain(a -> {
                    if (!RoleSync.applicable(a) || !a.orgId.equals(org.id)) {
                        return Uni.createFrom().voidItem();
                    }
                    return roles.apply(org, a, actor, at).invoke(c -> changed[0] += c ? 1 : 0).replaceWithVoid();
                }));
            }
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("displayName", g.displayName);
            after.put("deleted", deleted);
            after.put("added", added);
            after.put("removed", removed);
            return chain.chain(() -> audit.record(org.id, actor, deleted ? "scim-group.deleted" : "scim-group.changed",
                    "scim-group:" + g.scimGroupId, oldName == null ? null : Map.of("displayName", oldName), after, at))
                    .map(x -> new Result(true, null, affected.size(), changed[0]));
        });
    }
}
