package dev.hubsso.scim.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.scim.filter.BoundFilter;
import dev.hubsso.scim.filter.FilterBinder;
import dev.hubsso.scim.filter.FilterToSql;
import dev.hubsso.scim.filter.SqlFilter;
import dev.hubsso.scim.schema.ScimSchemas;
import dev.hubsso.scim.users.FilterFixture.Case;
import dev.hubsso.testsupport.HubInfrastructure;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The filter table's SQL, run against the real PostgreSQL schema the migrations built: each
 * filter selects exactly the users the in-memory evaluator selects. Also shows (EXPLAIN) that the
 * IdPs' lookups are index scans.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class FilterSqlTest {

    private static final String ORG = "filter-sql-" + UUID.randomUUID();
    private static boolean loaded;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void load() throws SQLException {
        if (loaded) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into scim.users (id, org_id, user_name, hub_username, "
                        + "external_id, given_name, family_name, formatted_name, display_name, email, emails, active, "
                        + "version, created, last_modified, employee_number, cost_center, organization, division, "
                        + "department, manager_id, profile) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (StoredUser u : FilterFixture.USERS) {
                // ids are shared across the table; other test classes never use them
                ps.setObject(1, u.id());
                ps.setString(2, ORG);
                ps.setString(3, u.user().userName());
                ps.setString(4, u.hubUsername());
                ps.setString(5, u.user().externalId());
                ps.setString(6, u.user().givenName());
                ps.setString(7, u.user().familyName());
                ps.setString(8, u.user().formattedName());
                ps.setString(9, u.user().displayName());
                ps.setString(10, u.user().hubEmail());
                ps.setString(11, FilterFixture.emailsColumn(u));
                ps.setBoolean(12, u.user().active());
                ps.setLong(13, u.version());
                ps.setObject(14, u.created().atOffset(ZoneOffset.UTC));
                ps.setObject(15, u.lastModified().atOffset(ZoneOffset.UTC));
                ps.setString(16, u.user().enterprise().employeeNumber());
                ps.setString(17, u.user().enterprise().costCenter());
                ps.setString(18, u.user().enterprise().organization());
                ps.setString(19, u.user().enterprise().division());
                ps.setString(20, u.user().enterprise().department());
                ps.setString(21, u.user().enterprise().managerId());
                ps.setString(22, u.user().profile().toStored());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        loaded = true;
    }

    @Test
    void everyValidFilterSelectsWhatTheEvaluatorSelects() throws SQLException {
        int checked = 0;
        for (Case c : FilterFixture.CASES) {
            if (c.matches() == null) {
                continue;
            }
            BoundFilter bound = FilterBinder.parse(c.filter(), ScimSchemas.USERS);
            SqlFilter sql = FilterToSql.translate(bound, UserSql.MAPPING);
            Set<UUID> selected = select(sql);
            assertEquals(c.matches(), selected, c.filter() + "\n  SQL: " + sql.sql() + "\n  params: " + sql.params());
            assertEquals(FilterTableTest.evaluate(bound), selected, "evaluator and SQL agree on " + c.filter());
            checked++;
        }
        assertTrue(checked > 50);
    }

    private static final String EXPLAIN_ORG = "filter-explain-" + UUID.randomUUID();

    /** 3000 users in an org of their own, analyzed, so the planner has real statistics. */
    private void loadExplainOrg() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("insert into scim.users (id, org_id, user_name, hub_username, "
                    + "external_id, display_name, email, emails, active, version, created, last_modified, employee_number) "
                    + "select gen_random_uuid(), ?, 'user' || i || '@example.com', 'user' || i || '-t1', 'ext-' || i, "
                    + "'User ' || i, 'user' || i || '@example.com', "
                    + "'[{\"value\":\"user' || i || '@example.com\",\"type\":\"work\",\"primary\":true}]', true, 1, "
                    + "now(), now(), 'E-' || i from generate_series(1, 3000) i")) {
                ps.setString(1, EXPLAIN_ORG);
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.execute("analyze scim.users");
            }
        }
    }

    @Test
    void idpLookupsAreIndexScans() throws SQLException {
        loadExplainOrg();
        assertIndex("userName eq \"USER42@example.com\"", "users_org_user_name_uq");
        assertIndex("externalId eq \"ext-42\"", "users_org_external_id_idx");
        assertIndex("emails[type eq \"work\"].value eq \"user42@EXAMPLE.com\"", "users_emails_ci_gin");
        assertIndex("displayName eq \"user 42\"", "users_org_display_name_idx");
        assertIndex("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"e-42\"",
                "users_org_employee_number_idx");
    }

    private void assertIndex(String filter, String index) throws SQLException {
        SqlFilter sql = FilterToSql.translate(FilterBinder.parse(filter, ScimSchemas.USERS), UserSql.MAPPING);
        StringBuilder plan = new StringBuilder();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("explain select u.id from scim.users u where u.org_id = ? and "
                    + sql.sql())) {
                bind(ps, sql);
                ps.setString(1, EXPLAIN_ORG);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            }
            c.rollback();
        }
        assertTrue(plan.toString().contains(index), filter + " uses " + index + ":\n" + plan);
        assertTrue(!plan.toString().contains("Seq Scan"), filter + " is no sequential scan:\n" + plan);
        System.out.println("EXPLAIN " + filter + "\n" + plan);
    }

    private Set<UUID> select(SqlFilter sql) throws SQLException {
        Set<UUID> ids = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select u.id from scim.users u where u.org_id = ? and " + sql.sql())) {
            bind(ps, sql);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    private static void bind(PreparedStatement ps, SqlFilter sql) throws SQLException {
        ps.setString(1, ORG);
        int i = 2;
        for (Object p : sql.params()) {
            ps.setObject(i++, p);
        }
    }
}
