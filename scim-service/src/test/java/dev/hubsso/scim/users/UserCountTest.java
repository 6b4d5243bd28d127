package dev.hubsso.scim.users;

import static dev.hubsso.scim.support.ScimApi.as;
import static dev.hubsso.scim.support.ScimApi.createUser;
import static dev.hubsso.scim.support.ScimApi.userBody;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.scim.support.ScimApi;
import dev.hubsso.scim.support.TestOrgs;
import dev.hubsso.scim.support.TestOrgs.TestOrg;
import dev.hubsso.testsupport.HubInfrastructure;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code totalResults} of unfiltered lists comes from the per-organization user counter
 * ({@code scim.org_user_counts}, kept by triggers): creates, deletes, Bulk and direct SQL keep it
 * exact, concurrent creates too; filtered lists and deep pages still get an exact count.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class UserCountTest {

    @Inject
    AgroalDataSource dataSource;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static TestOrg org(String prefix) {
        TestOrg org = TestOrgs.create(prefix);
        ScimApi.awaitOrg(org);
        return org;
    }

    /** totalResults of a full first page (count=1 needs a count unless the org has at most one user). */
    private static int total(TestOrg org, String filter) {
        var request = as(org).queryParam("count", 1);
        if (filter != null) {
            request = request.queryParam("filter", filter);
        }
        return request.get(org.base() + "/Users").then().statusCode(200).extract().path("totalResults");
    }

    private long counter(String orgId) throws SQLException {
        return scalar("select coalesce(sum(users), 0) from scim.org_user_counts where org_id = ?", orgId);
    }

    private long rows(String orgId) throws SQLException {
        return scalar("select count(*) from scim.users where org_id = ?", orgId);
    }

    private long scalar(String sql, String orgId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void execute(String sql, String orgId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, orgId);
            ps.execute();
        }
    }

    @Test
    void createDeleteAndBulkKeepTheCounterExact() throws Exception {
        TestOrg org = org("count");
        assertEquals(0, total(org, null));
        assertEquals(0, counter(org.orgId()));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(createUser(org, userBody(unique("u") + "@example.com")).path("id"));
        }
        assertEquals(3, counter(org.orgId()));
        assertEquals(3, total(org, null));
        // a refused create (409) counts nothing
        String taken = as(org).get(org.base() + "/Users/" + ids.get(2)).then().extract().path("userName");
        as(org).body(userBody(taken)).post(org.base() + "/Users").then().statusCode(409);
        assertEquals(3, total(org, null));

        as(org).delete(org.base() + "/Users/" + ids.get(0)).then().statusCode(204);
        as(org).delete(org.base() + "/Users/" + ids.get(0)).then().statusCode(404);
        assertEquals(2, total(org, null));

        String bulk = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":["
                + "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"a\",\"data\":{\"userName\":\"" + unique("a") + "\"}},"
                + "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"b\",\"data\":{\"userName\":\"" + unique("b") + "\"}},"
                + "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"c\",\"data\":{\"userName\":\"" + taken + "\"}},"
                + "{\"method\":\"DELETE\",\"path\":\"/Users/" + ids.get(1) + "\"}]}";
        as(org).body(bulk).post(org.base() + "/Bulk").then().statusCode(200)
                .body("Operations.status", equalTo(List.of("201", "201", "409", "204")));
        // 2 + 2 created - 1 deleted; the refused create counts nothing
        assertEquals(3, total(org, null));
        assertEquals(rows(org.orgId()), counter(org.orgId()));

        // a write straight to the table (a bulk load, an operator's delete) is counted too
        execute("delete from scim.users where org_id = ?", org.orgId());
        assertEquals(0, counter(org.orgId()));
        assertEquals(0, total(org, null));
    }

    @Test
    void concurrentCreatesAreAllCounted() throws Exception {
        TestOrg org = org("count-race");
        int n = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String userName = unique("race") + "@example.com";
                statuses.add(pool.submit(() -> as(org).body(userBody(userName)).post(org.base() + "/Users").statusCode()));
            }
            for (Future<Integer> s : statuses) {
                assertEquals(201, s.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(n, rows(org.orgId()));
        assertEquals(n, counter(org.orgId()));
        assertEquals(n, total(org, null));
        // the creates were spread over counter rows, and their sum is what the list shows
        assertTrue(scalar("select count(*) from scim.org_user_counts where org_id = ?", org.orgId()) >= 1);
    }

    @Test
    void unfilteredListsReadTheCounterAndFilteredListsCountExactly() throws Exception {
        TestOrg org = org("count-source");
        for (int i = 0; i < 5; i++) {
            createUser(org, userBody("person" + i + "-" + unique("p") + "@example.com"));
        }
        as(org).queryParam("filter", "userName eq \"nobody\"").get(org.base() + "/Users").then().statusCode(200);
        try {
            // skew the counter (a slot outside the 256 id buckets, so paging ignores it): an
            // unfiltered full page reports it, so the counter is what is read
            execute("insert into scim.org_user_counts (org_id, slot, users) values (?, -1, 1000)", org.orgId());
            assertEquals(1005, total(org, null));
            // a page that ends the results needs no count: it shows the exact number
            as(org).get(org.base() + "/Users").then().statusCode(200)
                    .body("totalResults", equalTo(5)).body("itemsPerPage", equalTo(5));
            as(org).queryParam("startIndex", 4).get(org.base() + "/Users").then().statusCode(200)
                    .body("totalResults", equalTo(5)).body("itemsPerPage", equalTo(2));
            // a filtered list counts its matches, never the counter
            assertEquals(5, total(org, "userName sw \"person\""));
            assertEquals(0, total(org, "userName sw \"nobody\""));
            as(org).queryParam("filter", "userName sw \"person\"").queryParam("count", 0).get(org.base() + "/Users")
                    .then().statusCode(200).body("totalResults", equalTo(5)).body("itemsPerPage", equalTo(0));
            as(org).queryParam("filter", "userName sw \"person\"").queryParam("startIndex", 50).get(org.base() + "/Users")
                    .then().statusCode(200).body("totalResults", equalTo(5)).body("itemsPerPage", equalTo(0));
        } finally {
            execute("delete from scim.org_user_counts where org_id = ? and slot = -1", org.orgId());
        }
        assertEquals(5, total(org, null));
        // past the end without a filter: the counter, and no user
        as(org).queryParam("startIndex", 6).get(org.base() + "/Users").then().statusCode(200)
                .body("totalResults", equalTo(5)).body("itemsPerPage", equalTo(0));
    }

    @Test
    void deepPagesWalkTheWholeOrganizationInAStableOrder() throws Exception {
        TestOrg org = org("count-pages");
        int n = 23;
        for (int i = 0; i < n; i++) {
            createUser(org, userBody(unique("page") + "@example.com"));
        }
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        for (int start = 1; start <= n; start += 5) {
            List<String> ids = as(org).queryParam("startIndex", start).queryParam("count", 5).get(org.base() + "/Users")
                    .then().statusCode(200).body("totalResults", equalTo(n)).body("startIndex", equalTo(start))
                    .extract().path("Resources.id");
            assertEquals(Math.min(5, n - start + 1), ids.size());
            order.addAll(ids);
            seen.addAll(ids);
        }
        assertEquals(n, seen.size(), "every user once");
        // the same order in one page: the deferred-join pages keep the listing's order
        List<String> all = as(org).queryParam("count", 100).get(org.base() + "/Users").then().statusCode(200)
                .extract().path("Resources.id");
        assertEquals(all, order);
        // a filtered deep page: startIndex past the first page, filter and sort applied to the inner query
        List<String> sorted = as(org).queryParam("filter", "userName sw \"page\"").queryParam("sortBy", "userName")
                .queryParam("sortOrder", "descending").queryParam("count", 100).get(org.base() + "/Users")
                .then().statusCode(200).extract().path("Resources.userName");
        List<String> tail = as(org).queryParam("filter", "userName sw \"page\"").queryParam("sortBy", "userName")
                .queryParam("sortOrder", "descending").queryParam("startIndex", 11).queryParam("count", 5)
                .get(org.base() + "/Users").then().statusCode(200).body("totalResults", equalTo(n))
                .extract().path("Resources.userName");
        assertEquals(sorted.subList(10, 15), tail);
    }

    private List<String> idsInOrder(String orgId, int offset, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select id::text from scim.users where org_id = ? order by id limit ? offset ?")) {
            ps.setString(1, orgId);
            ps.setInt(2, limit);
            ps.setInt(3, offset);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    /** Pages of {@code count} at every {@code step}-th startIndex (overlapping: every position is covered). */
    private void assertPagesMatchOffset(TestOrg org, int n, int count, int step) throws SQLException {
        for (int start = 1; start <= n + 1; start += step) {
            List<String> page = as(org).queryParam("startIndex", start).queryParam("count", count)
                    .get(org.base() + "/Users").then().statusCode(200)
                    .body("totalResults", equalTo(n)).body("startIndex", equalTo(start))
                    .extract().path("Resources.id");
            assertEquals(idsInOrder(org.orgId(), start - 1, count), page == null ? List.of() : page,
                    "page at startIndex " + start);
        }
    }

    @Test
    void deepPagesPositionedByTheBucketCountersAgreeWithOffset() throws Exception {
        TestOrg org = org("count-buckets");
        for (int i = 0; i < 20; i++) {
            createUser(org, userBody(unique("bucket") + "@example.com"));
        }
        // a bulk load straight into the table: several users per id bucket, one statement
        execute("insert into scim.users (id, org_id, user_name, hub_username, version, created, last_modified) "
                + "select gen_random_uuid(), o, 'loaded' || g || '@example.com', 'loaded' || g, 1, now(), now() "
                + "from (select ?::text as o) x, generate_series(1, 580) g", org.orgId());
        assertEquals(600, counter(org.orgId()));
        assertTrue(scalar("select count(distinct slot) from scim.org_user_counts where org_id = ? and users > 0",
                org.orgId()) > 200, "the users are spread over the id buckets");
        assertPagesMatchOffset(org, 600, 7, 3);

        // deletes leave buckets emptier, some empty: positions shift and stay exact
        execute("delete from scim.users where org_id = ? and (scim.user_bucket(id) % 3 = 0 or user_name like 'loaded1%')",
                org.orgId());
        int left = (int) rows(org.orgId());
        assertTrue(left < 450 && left > 250, "left " + left);
        assertEquals(left, counter(org.orgId()));
        assertPagesMatchOffset(org, left, 13, 5);
        assertPagesMatchOffset(org, left, 1, left);
        // a page of 100 from deep inside, and the last partial page
        List<String> deep = as(org).queryParam("startIndex", 150).queryParam("count", 100).get(org.base() + "/Users")
                .then().statusCode(200).extract().path("Resources.id");
        assertEquals(idsInOrder(org.orgId(), 149, 100), deep);
    }

    @Test
    void aUserCannotMoveToAnotherOrganization() throws Exception {
        TestOrg org = org("count-move");
        String id = createUser(org, userBody(unique("move") + "@example.com")).path("id");
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("update scim.users set org_id = 'elsewhere' where id = ?")) {
                ps.setObject(1, UUID.fromString(id));
                ps.execute();
            }
        });
        assertEquals("23514", e.getSQLState());
        assertEquals(1, counter(org.orgId()));
        assertEquals(1, rows(org.orgId()));
    }
}
