package dev.hubsso.scim.groups;

import dev.hubsso.events.ScimChange.Change;
import dev.hubsso.events.ScimGroupChanged;
import dev.hubsso.outbox.Outbox;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.filter.SqlFilter;
import dev.hubsso.scim.groups.GroupRepository.Member;
import dev.hubsso.scim.groups.model.ScimGroup;
import dev.hubsso.scim.org.ScimCaller;
import dev.hubsso.scim.patch.GroupPatcher;
import dev.hubsso.scim.patch.PatchOperation;
import dev.hubsso.scim.web.ETags;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The SCIM Group store of each organization. Every change commits together with its
 * {@code ScimGroupChanged} outbox row (the members after the change); changes to one group are
 * serialized by a row lock, so the per-group event versions strictly increase. Members are users
 * of the same organization; an unknown member is 400 {@code invalidValue}.
 */
@ApplicationScoped
public class GroupService {

    private final GroupRepository groups;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public GroupService(GroupRepository groups, Outbox outbox) {
        this.groups = groups;
        this.outbox = outbox;
    }

    /**
     * A page of groups with their members and the members' display names.
     *
     * @param members the members of each group of the page; empty when they were not asked for
     */
    public record Page(long totalResults, List<StoredGroup> groups, Map<UUID, List<Member>> members) {
    }

    /** Creates a group: 409 uniqueness when its displayName is taken in the org. */
    @WithTransaction
    public Uni<StoredGroup> create(ScimCaller caller, ScimGroup group) {
        UUID id = UUID.randomUUID();
        Instant now = now();
        return checkUnique(caller.orgId(), id, group.displayName())
                .chain(() -> checkMembers(caller.orgId(), group.members()))
                .chain(() -> {
                    GroupEntity e = new GroupEntity();
                    e.id = id;
                    e.orgId = caller.orgId();
                    e.displayName = group.displayName();
                    e.externalId = group.externalId();
                    e.version = 1;
                    e.created = now;
                    e.lastModified = now;
                    StoredGroup stored = GroupRepository.toStored(e, group.members());
                    // the row must exist before its member rows reference it
                    return groups.persistAndFlush(e)
                            .chain(() -> groups.addMembers(caller.orgId(), id, group.members()))
                            .chain(() -> outbox.append(event(caller, stored, Change.CREATED, now)))
                            .replaceWith(stored);
                });
    }

    /** A group of the caller's org with its member ids; 404 when there is none. */
    @WithSession
    public Uni<StoredGroup> get(ScimCaller caller, UUID id) {
        return groups.findInOrg(caller.orgId(), id).chain(e -> {
            if (e == null) {
                throw notFound(id);
            }
            return groups.memberIds(id).map(members -> GroupRepository.toStored(e, members));
        });
    }

    /**
     * Groups of the caller's org matching {@code filter} (all when null), in {@code orderBy} order.
     *
     * @param withMembers false when the response leaves members out (Entra lists groups with
     *     {@code excludedAttributes=members}): they are then not read at all
     */
    public Uni<Page> list(ScimCaller caller, SqlFilter filter, String orderBy, int startIndex, int count,
            boolean withMembers) {
        return groups.search(caller.orgId(), filter, orderBy, startIndex - 1, count).chain(page -> {
            List<UUID> ids = page.groups().stream().map(g -> g.id).toList();
            Uni<Map<UUID, List<Member>>> members = withMembers ? groups.members(ids) : Uni.createFrom().item(Map.of());
            return members.map(m -> new Page(page.total(), page.groups().stream()
                    .map(g -> GroupRepository.toStored(g, m.getOrDefault(g.id, List.of()).stream().map(Member::id).toList()))
                    .toList(), m));
        });
    }

    /** The members of groups with their display names (outside any transaction). */
    public Uni<Map<UUID, List<Member>>> members(List<UUID> groupIds) {
        return groups.members(groupIds);
    }

    /** Applies PATCH operations atomically; a PATCH that changes nothing keeps the version and emits nothing. */
    @WithTransaction
    public Uni<StoredGroup> patch(ScimCaller caller, UUID id, String ifMatch, List<PatchOperation> operations) {
        return locked(caller, id, ifMatch).chain(before -> update(caller, before.entity,
                before.stored, GroupPatcher.apply(before.stored.group(), operations)));
    }

    /** Replaces a group's attributes and members with those of a PUT body; never creates (404). */
    @WithTransaction
    public Uni<StoredGroup> replace(ScimCaller caller, UUID id, String ifMatch, ScimGroup replacement) {
        return locked(caller, id, ifMatch).chain(before -> update(caller, before.entity, before.stored, replacement));
    }

    /** Deletes a group; the event carries its last attributes and no members. */
    @WithTransaction
    public Uni<Void> delete(ScimCaller caller, UUID id, String ifMatch) {
        return locked(caller, id, ifMatch).chain(before -> {
            StoredGroup last = before.stored;
            Instant now = now();
            StoredGroup deleted = new StoredGroup(last.id(), new ScimGroup(last.group().displayName(),
                    last.group().externalId(), List.of()), last.version() + 1, last.created(), now);
            return groups.delete(before.entity)
                    .chain(() -> outbox.append(event(caller, deleted, Change.DELETED, now)));
        });
    }

    /**
     * Removes a user that is being deleted from every group of its org, each group change with its
     * event. Runs in the caller's transaction (the user deletion's), so it commits or fails with it.
     */
    public Uni<Void> removeFromAllGroups(ScimCaller caller, UUID userId) {
        return groups.lockGroupsOf(caller.orgId(), userId).chain(ids -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (UUID groupId : ids) {
                // one after the other: one session, no two queries at once
                chain = chain.chain(() -> groups.findInOrg(caller.orgId(), groupId)
                        .chain(e -> groups.memberIds(groupId).chain(members -> {
                            StoredGroup before = GroupRepository.toStored(e, members);
                            List<UUID> after = new ArrayList<>(members);
                            after.remove(userId);
                            ScimGroup changed = new ScimGroup(e.displayName, e.externalId, after);
                            return update(caller, e, before, changed).replaceWithVoid();
                        })));
            }
            return chain;
        });
    }

    private record Locked(GroupEntity entity, StoredGroup stored) {
    }

    private Uni<Locked> locked(ScimCaller caller, UUID id, String ifMatch) {
        return groups.lockInOrg(caller.orgId(), id).chain(e -> {
            if (e == null) {
                throw notFound(id);
            }
            ETags.checkIfMatch(ifMatch, e.version);
            return groups.memberIds(id).map(members -> new Locked(e, GroupRepository.toStored(e, members)));
        });
    }

    private Uni<StoredGroup> update(ScimCaller caller, GroupEntity e, StoredGroup before, ScimGroup after) {
        List<String> changed = before.group().changedAttributes(after);
        if (changed.isEmpty()) {
            return Uni.createFrom().item(before);
        }
        UUID id = before.id();
        Set<UUID> added = new LinkedHashSet<>(after.members());
        before.group().members().forEach(added::remove);
        Set<UUID> removed = new LinkedHashSet<>(before.group().members());
        after.members().forEach(removed::remove);
        Uni<Void> unique = changed.contains("displayName")
                ? checkUnique(caller.orgId(), id, after.displayName())
                : Uni.createFrom().voidItem();
        return unique
                .chain(() -> checkMembers(caller.orgId(), added))
                .chain(() -> groups.removeMembers(id, removed))
                .chain(() -> groups.addMembers(caller.orgId(), id, added))
                .chain(() -> {
                    Instant now = now();
                    e.displayName = after.displayName();
                    e.externalId = after.externalId();
                    e.version = before.version() + 1;
                    e.lastModified = now;
                    StoredGroup stored = GroupRepository.toStored(e, after.members());
                    return outbox.append(event(caller, stored, Change.UPDATED, now)).replaceWith(stored);
                });
    }

    private Uni<Void> checkUnique(String orgId, UUID self, String displayName) {
        return groups.displayNameTaken(orgId, displayName, self).invoke(taken -> {
            if (taken) {
                throw ScimException.uniqueness("displayName '" + displayName + "' is already taken in this organization");
            }
        }).replaceWithVoid();
    }

    /** 400 invalidValue unless every id is a user of the org. */
    private Uni<Void> checkMembers(String orgId, java.util.Collection<UUID> ids) {
        return groups.existingUsers(orgId, ids).invoke(found -> {
            for (UUID id : ids) {
                if (!found.contains(id)) {
                    throw ScimException.invalidValue("no user " + id + " in this organization");
                }
            }
        }).replaceWithVoid();
    }

    private static ScimGroupChanged event(ScimCaller caller, StoredGroup g, Change change, Instant at) {
        return new ScimGroupChanged(UUID.randomUUID().toString(), at, caller.orgId(), g.id().toString(), change,
                g.version(), g.group().displayName(), g.group().externalId(),
                g.group().members().stream().map(UUID::toString).toList(), caller.actor());
    }

    private static ScimException notFound(UUID id) {
        return ScimException.notFound("Group " + id + " not found");
    }

    private Instant now() {
        // millisecond precision: what the JSON shows is exactly what PostgreSQL keeps
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
