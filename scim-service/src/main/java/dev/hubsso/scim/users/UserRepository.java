package dev.hubsso.scim.users;

import dev.hubsso.scim.filter.SqlFilter;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import dev.hubsso.scim.users.UserRepresentation.GroupRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Queries on SCIM Users, always scoped to one organization. */
@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<UserEntity, UUID> {

    private static final String COLUMNS = "u.id, u.org_id, u.user_name, u.hub_username, u.external_id, u.given_name, "
            + "u.family_name, u.formatted_name, u.display_name, u.email, u.emails, u.active, u.version, u.created, "
            + "u.last_modified, u.employee_number, u.cost_center, u.organization, u.division, u.department, u.manager_id, u.profile";

    private final Pool pool;

    public UserRepository(Pool pool) {
        this.pool = pool;
    }

    /** A page of a filtered listing and the number of matches. */
    public record SearchPage(long total, List<UserEntity> users) {
    }

    /**
     * Users of the org matching {@code filter} (all when null): one page in {@code orderBy} order
     * (which must end in a unique key, so pages are stable), and the number of matches.
     *
     * <p>The number costs nothing when the page shows it: a page shorter than {@code size} that
     * starts inside the results ends them. Otherwise it is the organization's user counter
     * ({@code scim.org_user_counts}, kept by triggers in the writing transactions) without a
     * filter, and a {@code count(*)} with one.
     *
     * <p>Past the first page, the page's ids are found first with only the ordering columns, then
     * their rows are read by primary key. Without filter and {@code sortBy} the page's position
     * comes from the counters, which count the users per first byte of their id (256 buckets):
     * the page is read from the first id of the bucket it starts in, skipping only that bucket's
     * users before it, so a deep page costs about what the first page does. Otherwise an
     * {@code OFFSET} walks the matches in order.
     *
     * <p>Runs on the reactive pool, outside any Hibernate session: a read, and the SQL is the
     * filter's own.
     */
    public Uni<SearchPage> search(String orgId, SqlFilter filter, String orderBy, int offset, int size) {
        List<Object> params = new ArrayList<>();
        params.add(orgId);
        String where = filter == null ? "u.org_id = $1" : "u.org_id = $1 and " + filter.numbered(2);
        if (filter != null) {
            params.addAll(filter.params());
        }
        Uni<List<UserEntity>> page = size == 0
                ? Uni.createFrom().item(List.of())
                : pool.preparedQuery(pageSql(where, orderBy, offset, size)).execute(Tuple.from(params)).map(rows -> {
                    List<UserEntity> users = new ArrayList<>();
                    for (Row r : rows) {
                        users.add(entity(r));
                    }
                    return users;
                });
        return page.chain(users -> {
            if (users.size() < size && (!users.isEmpty() || offset == 0)) {
                return Uni.createFrom().item(new SearchPage(offset + users.size(), users));
            }
            Uni<Long> total = filter == null
                    ? countOrg(orgId)
                    : pool.preparedQuery("select count(*) from scim.users u where " + where)
                            .execute(Tuple.from(params)).map(rows -> rows.iterator().next().getLong(0));
            // a page read before a concurrent delete still counts what it shows
            return total.map(t -> new SearchPage(users.isEmpty() ? t : Math.max(t, offset + users.size()), users));
        });
    }

    /** The page's SQL; see {@link #search}. */
    static String pageSql(String where, String orderBy, int offset, int size) {
        if (offset == 0) {
            return "select " + COLUMNS + " from scim.users u where " + where + " order by " + orderBy + " limit " + size;
        }
        if (where.equals("u.org_id = $1") && orderBy.equals(UserSql.DEFAULT_ORDER)) {
            return bucketPageSql(offset, size);
        }
        return "select " + COLUMNS + " from scim.users u join (select u.id from scim.users u where " + where
                + " order by " + orderBy + " limit " + size + " offset " + offset + ") p on p.id = u.id order by "
                + orderBy;
    }

    /**
     * A page of the org's users in id order from {@code offset}, positioned with the bucket
     * counters: one statement, so the counters and the rows come from one snapshot and agree.
     * No bucket holds the offset when it is past the end: then the page is empty.
     */
    static String bucketPageSql(int offset, int size) {
        return "with b as (select slot, sum(users) as n from scim.org_user_counts"
                + " where org_id = $1 and slot between 0 and 255 group by slot),"
                + " c as (select slot, n, sum(n) over (order by slot) - n as before from b),"
                + " a as (select slot, before from c where n > 0 and before <= " + offset + " and " + offset
                + " < before + n)"
                + " select " + COLUMNS + " from scim.users u join (select u.id from scim.users u"
                + " where u.org_id = $1 and u.id >= (select scim.user_bucket_start(slot) from a)"
                + " order by u.id limit " + size + " offset (select cast(" + offset + " - before as bigint) from a)) p on p.id = u.id"
                + " order by u.id";
    }

    /** The org's number of users, from its counter (no row: none). */
    public Uni<Long> countOrg(String orgId) {
        return pool.preparedQuery("select cast(coalesce(sum(users), 0) as bigint) from scim.org_user_counts where org_id = $1")
                .execute(Tuple.of(orgId)).map(rows -> rows.iterator().next().getLong(0));
    }

    private static UserEntity entity(Row r) {
        UserEntity e = new UserEntity();
        e.id = r.getUUID("id");
        e.orgId = r.getString("org_id");
        e.userName = r.getString("user_name");
        e.hubUsername = r.getString("hub_username");
        e.externalId = r.getString("external_id");
        e.givenName = r.getString("given_name");
        e.familyName = r.getString("family_name");
        e.formattedName = r.getString("formatted_name");
        e.displayName = r.getString("display_name");
        e.email = r.getString("email");
        e.emails = r.getString("emails");
        e.active = r.getBoolean("active");
        e.version = r.getLong("version");
        e.created = r.getOffsetDateTime("created").toInstant();
        e.lastModified = r.getOffsetDateTime("last_modified").toInstant();
        e.employeeNumber = r.getString("employee_number");
        e.costCenter = r.getString("cost_center");
        e.organization = r.getString("organization");
        e.division = r.getString("division");
        e.department = r.getString("department");
        e.managerId = r.getString("manager_id");
        e.profile = r.getString("profile");
        return e;
    }

    /** The groups of each user (by displayName, then id); users without groups are absent. */
    public Uni<Map<UUID, List<GroupRef>>> groupsOf(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String sql = "select gm.user_id, g.id, g.display_name from scim.group_members gm "
                + "join scim.groups g on g.id = gm.group_id where gm.user_id = any($1) "
                + "order by gm.user_id, lower(g.display_name), g.id";
        return pool.preparedQuery(sql).execute(Tuple.of(userIds.toArray(new UUID[0]))).map(rows -> {
            Map<UUID, List<GroupRef>> out = new HashMap<>();
            for (Row r : rows) {
                out.computeIfAbsent(r.getUUID("user_id"), k -> new ArrayList<>())
                        .add(new GroupRef(r.getUUID("id"), r.getString("display_name")));
            }
            return out;
        });
    }

    /** A user of the org read on the reactive pool (no Hibernate session), or null. */
    public Uni<UserEntity> read(String orgId, UUID id) {
        return pool.preparedQuery("select " + COLUMNS + " from scim.users u where u.org_id = $1 and u.id = $2")
                .execute(Tuple.of(orgId, id)).map(rows -> rows.size() == 0 ? null : entity(rows.iterator().next()));
    }

    /** The event's outbox row ($22..$28), inserted only if the statement's user write {@code u} wrote a row. */
    private static final String EVENT_OF_U = "insert into scim.outbox (" + dev.hubsso.outbox.Outbox.COLUMNS + ") "
            + "select $22, $23, $24, $25, $26, $27, $28 from u";

    /**
     * Inserts a new user and the row of its event in one statement, hence one transaction; a
     * row returned when inserted, none when the org already has a user with its userName or hub
     * username (nothing written; see {@link #taken} for which). Written by {@link UserInserts}.
     */
    static final String INSERT_WITH_EVENT = "with u as (insert into scim.users (id, org_id, user_name, hub_username, "
            + "external_id, given_name, family_name, formatted_name, display_name, email, emails, active, employee_number, "
            + "cost_center, organization, division, department, manager_id, version, created, last_modified, profile) values ($1, "
            + "$2, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $3, $21, $29) "
            + "on conflict do nothing returning id) " + EVENT_OF_U;

    /** The parameters of {@link #INSERT_WITH_EVENT}: a new user and its event's outbox values. */
    static Tuple insertTuple(UserEntity e, Object[] event) {
        return rowTuple(e, java.time.OffsetDateTime.ofInstant(e.created, java.time.ZoneOffset.UTC), event);
    }

    /** $1 id, $2 org, $3 the extra value, $4..$21 the user's columns, $22..$28 the event's, $29 the profile. */
    private static Tuple rowTuple(UserEntity e, Object third, Object[] event) {
        Object[] values = { e.id, e.orgId, third, e.userName, e.hubUsername, e.externalId, e.givenName, e.familyName,
                e.formattedName, e.displayName, e.email, e.emails, e.active, e.employeeNumber, e.costCenter,
                e.organization, e.division, e.department, e.managerId, e.version,
                java.time.OffsetDateTime.ofInstant(e.lastModified, java.time.ZoneOffset.UTC) };
        Tuple t = Tuple.tuple();
        for (Object v : values) {
            t.addValue(v);
        }
        for (Object v : event) {
            t.addValue(v);
        }
        return t.addValue(e.profile);
    }

    private static final String UPDATE_WITH_EVENT = "with u as (update scim.users set user_name = $4, hub_username = $5, "
            + "external_id = $6, given_name = $7, family_name = $8, formatted_name = $9, display_name = $10, email = $11, "
            + "emails = $12, active = $13, employee_number = $14, cost_center = $15, organization = $16, division = $17, "
            + "department = $18, manager_id = $19, version = $20, last_modified = $21, profile = $29 "
            + "where id = $1 and org_id = $2 and version = $3 returning id) " + EVENT_OF_U;

    /**
     * Writes a changed user and the row of its event in one statement, hence one transaction, if
     * the stored user is still at version {@code expected}. True when written; false when another
     * writer changed or deleted the user since it was read (read it again and redo the change).
     * One round trip, no lock held between the read and the write.
     *
     * @param event the event's outbox values, {@link dev.hubsso.outbox.Outbox#columnValues}
     */
    public Uni<Boolean> writeIfVersion(UserEntity e, long expected, Object[] event) {
        return pool.preparedQuery(UPDATE_WITH_EVENT).execute(rowTuple(e, expected, event)).map(rows -> rows.rowCount() == 1);
    }

    /** A user of the org, locked for update until the transaction ends (serializes writers), or null. */
    public Uni<UserEntity> lockInOrg(String orgId, UUID id) {
        return find("orgId = ?1 and id = ?2", orgId, id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Which of a userName and a hub username another user of the org already has (case-insensitively). */
    public record Taken(boolean userName, boolean hubUsername) {
    }

    /**
     * Whether another user of the org has this userName or this hub username, case-insensitively:
     * one query on the reactive pool (both are unique-index lookups). The unique indexes stay the
     * final word for two writers racing for one name (23505, answered 409 too).
     */
    public Uni<Taken> taken(String orgId, String userName, String hubUsername, UUID except) {
        return pool.preparedQuery("select exists (select 1 from scim.users where org_id = $1 and lower(user_name) = lower($2)"
                + " and id <> $4), exists (select 1 from scim.users where org_id = $1 and lower(hub_username) = lower($3)"
                + " and id <> $4)").execute(Tuple.of(orgId, userName, hubUsername, except))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new Taken(r.getBoolean(0), r.getBoolean(1));
                });
    }

}
