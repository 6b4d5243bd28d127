package dev.hubsso.scim.groups;

import dev.hubsso.scim.filter.SqlFilter;
import dev.hubsso.scim.groups.model.ScimGroup;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Queries on SCIM Groups and their members, always scoped to one organization. Writes run in the
 * caller's Hibernate Reactive session (so they commit with the outbox row); listings and member
 * displays are reads on the reactive pool.
 */
@ApplicationScoped
public class GroupRepository implements PanacheRepositoryBase<GroupEntity, UUID> {

    private static final String COLUMNS = "g.id, g.org_id, g.display_name, g.external_id, g.version, g.created, "
            + "g.last_modified";

    private final Pool pool;

    public GroupRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * A member as shown in a Group.
     *
     * @param id the user's SCIM id
     * @param display the user's displayName, else userName
     */
    public record Member(UUID id, String display) {
    }

    /** A page of a filtered listing, the number of matches, and each group's members. */
    public record SearchPage(long total, List<GroupEntity> groups) {
    }

    /**
     * Groups of the org matching {@code filter} (all when null): the count, then one page in
     * {@code orderBy} order (ending in a unique key, so pages are stable).
     */
    public Uni<SearchPage> search(String orgId, SqlFilter filter, String orderBy, int offset, int size) {
        List<Object> params = new ArrayList<>();
        params.add(orgId);
        String where = "g.org_id = $1";
        if (filter != null) {
            where += " and " + filter.numbered(2);
            params.addAll(filter.params());
        }
        String count = "select count(*) from scim.groups g where " + where;
        String page = "select " + COLUMNS + " from scim.groups g where " + where + " order by " + orderBy
                + " limit " + size + " offset " + offset;
        return pool.preparedQuery(count).execute(Tuple.from(params)).chain(rows -> {
            long total = rows.iterator().next().getLong(0);
            if (size == 0 || total <= offset) {
                return Uni.createFrom().item(new SearchPage(total, List.of()));
            }
            return pool.preparedQuery(page).execute(Tuple.from(params)).map(result -> {
                List<GroupEntity> groups = new ArrayList<>();
                for (Row r : result) {
                    groups.add(entity(r));
                }
                return new SearchPage(total, groups);
            });
        });
    }

    /** The members of each group (with their display names), in id order; groups without members are absent. */
    public Uni<Map<UUID, List<Member>>> members(Collection<UUID> groupIds) {
        if (groupIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String sql = "select gm.group_id, gm.user_id, coalesce(u.display_name, u.user_name) as display "
                + "from scim.group_members gm join scim.users u on u.id = gm.user_id "
                + "where gm.group_id = any($1) order by gm.group_id, gm.user_id";
        return pool.preparedQuery(sql).execute(Tuple.of(groupIds.toArray(new UUID[0]))).map(rows -> {
            Map<UUID, List<Member>> out = new LinkedHashMap<>();
            for (Row r : rows) {
                out.computeIfAbsent(r.getUUID("group_id"), k -> new ArrayList<>())
                        .add(new Member(r.getUUID("user_id"), r.getString("display")));
            }
            return out;
        });
    }

    private static GroupEntity entity(Row r) {
        GroupEntity e = new GroupEntity();
        e.id = r.getUUID("id");
        e.orgId = r.getString("org_id");
        e.displayName = r.getString("display_name");
        e.externalId = r.getString("external_id");
        e.version = r.getLong("version");
        e.created = r.getOffsetDateTime("created").toInstant();
        e.lastModified = r.getOffsetDateTime("last_modified").toInstant();
        return e;
    }

    /** A group of the org, or null. */
    public Uni<GroupEntity> findInOrg(String orgId, UUID id) {
        return find("orgId = ?1 and id = ?2", orgId, id).firstResult();
    }

    /** A group of the org, locked for update until the transaction ends (serializes writers), or null. */
    public Uni<GroupEntity> lockInOrg(String orgId, UUID id) {
        return find("orgId = ?1 and id = ?2", orgId, id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Whether another group of the org has this displayName, case-insensitively. */
    public Uni<Boolean> displayNameTaken(String orgId, String displayName, UUID except) {
        return count("orgId = ?1 and lower(displayName) = lower(?2) and id <> ?3", orgId, displayName, except)
                .map(n -> n > 0);
    }

    /** The member ids of a group, in the session (sees this transaction's writes). */
    public Uni<List<UUID>> memberIds(UUID groupId) {
        return getSession().chain(s -> s.createNativeQuery(
                "select cast(user_id as text) from scim.group_members where group_id = :g order by user_id",
                String.class).setParameter("g", groupId).getResultList())
                .map(ids -> ids.stream().map(UUID::fromString).toList());
    }

    /** Which of {@code ids} are users of the org. */
    public Uni<Set<UUID>> existingUsers(String orgId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return getSession().chain(s -> s.createNativeQuery(
                "select cast(id as text) from scim.users where org_id = :org and id = any(:ids)",
                String.class).setParameter("org", orgId).setParameter("ids", array(ids)).getResultList())
                .map(found -> found.stream().map(UUID::fromString).collect(Collectors.toCollection(HashSet::new)));
    }

    /** Adds members (users of the org) to a group. */
    public Uni<Void> addMembers(String orgId, UUID groupId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return getSession().chain(s -> s.createNativeQuery(
                "insert into scim.group_members (group_id, user_id) select :g, u.id from scim.users u "
                        + "where u.org_id = :org and u.id = any(:ids) on conflict do nothing")
                .setParameter("g", groupId).setParameter("org", orgId).setParameter("ids", array(ids))
                .executeUpdate()).replaceWithVoid();
    }

    /** Removes members from a group. */
    public Uni<Void> removeMembers(UUID groupId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return getSession().chain(s -> s.createNativeQuery(
                "delete from scim.group_members where group_id = :g and user_id = any(:ids)")
                .setParameter("g", groupId).setParameter("ids", array(ids))
                .executeUpdate()).replaceWithVoid();
    }

    /** The ids of the org's groups that have this user as a member, locked for update, in id order (no deadlocks between two such writers). */
    public Uni<List<UUID>> lockGroupsOf(String orgId, UUID userId) {
        return getSession().chain(s -> s.createNativeQuery(
                "select cast(g.id as text) from scim.groups g join scim.group_members gm on gm.group_id = g.id "
                        + "where g.org_id = :org and gm.user_id = :u order by g.id for update of g",
                String.class).setParameter("org", orgId).setParameter("u", userId).getResultList())
                .map(ids -> ids.stream().map(UUID::fromString).toList());
    }

    /** The domain value of a row and its member ids. */
    static StoredGroup toStored(GroupEntity e, List<UUID> memberIds) {
        return new StoredGroup(e.id, new ScimGroup(e.displayName, e.externalId, memberIds), e.version, e.created,
                e.lastModified);
    }

    /** The ids as one array parameter: {@code = any(:ids)} is one statement, whatever their number. */
    private static UUID[] array(Collection<UUID> ids) {
        return ids.toArray(new UUID[0]);
    }
}
