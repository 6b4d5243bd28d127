package dev.hubsso.scim.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.scim.filter.FilterBinder;
import dev.hubsso.scim.filter.FilterToSql;
import dev.hubsso.scim.filter.SqlFilter;
import dev.hubsso.scim.schema.ScimSchemas;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Group filters as SQL on a real PostgreSQL: what the IdPs look groups up by stays an index lookup. */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class GroupSqlTest {

    private static final String ORG = "group-explain-" + UUID.randomUUID();

    @Inject
    AgroalDataSource dataSource;

    /** 3000 users, 3000 groups of one member each, analyzed, so the planner has real statistics. */
    @Test
    void idpGroupLookupsAreIndexScans() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create temporary table ids as select i, gen_random_uuid() as u, gen_random_uuid() as g "
                    + "from generate_series(1, 3000) i");
            s.execute("insert into scim.users (id, org_id, user_name, hub_username, emails, active, version, created, "
                    + "last_modified) select u, '" + ORG + "', 'm' || i, 'm' || i || '-t1', '[]', true, 1, now(), now() from ids");
            s.execute("insert into scim.groups (id, org_id, display_name, external_id, version, created, last_modified) "
                    + "select g, '" + ORG + "', 'Group ' || i, 'ext-' || i, 1, now(), now() from ids");
            s.execute("insert into scim.group_members (group_id, user_id) select g, u from ids");
            s.execute("analyze scim.users");
            s.execute("analyze scim.groups");
            s.execute("analyze scim.group_members");
            String member;
            try (ResultSet rs = s.executeQuery("select u from ids where i = 42")) {
                rs.next();
                member = rs.getString(1);
            }
            assertIndex(c, "displayName eq \"GROUP 42\"", "groups_org_display_name_uq", 1);
            assertIndex(c, "externalId eq \"ext-42\"", "groups_org_external_id_idx", 1);
            assertIndex(c, "members.value eq \"" + member + "\"", "group_members_user_idx", 1);
            s.execute("drop table ids");
        }
    }

    private static void assertIndex(Connection c, String filter, String index, int matches) throws SQLException {
        SqlFilter sql = FilterToSql.translate(FilterBinder.parse(filter, ScimSchemas.GROUPS), GroupSql.MAPPING);
        String query = "select g.id from scim.groups g where g.org_id = ? and " + sql.sql();
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement("explain " + query)) {
            bind(ps, sql);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        assertTrue(plan.toString().contains(index), filter + " uses " + index + ":\n" + plan);
        assertTrue(!plan.toString().contains("Seq Scan"), filter + " is no sequential scan:\n" + plan);
        int found = 0;
        try (PreparedStatement ps = c.prepareStatement(query)) {
            bind(ps, sql);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found++;
                }
            }
        }
        assertEquals(matches, found, filter);
    }

    private static void bind(PreparedStatement ps, SqlFilter sql) throws SQLException {
        ps.setString(1, ORG);
        int i = 2;
        for (Object p : sql.params()) {
            ps.setObject(i++, p);
        }
    }
}
