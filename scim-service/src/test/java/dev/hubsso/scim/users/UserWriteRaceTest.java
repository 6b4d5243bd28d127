package dev.hubsso.scim.users;

import static dev.hubsso.scim.support.ScimApi.as;
import static dev.hubsso.scim.support.ScimApi.createUserId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hubsso.scim.support.ScimApi;
import dev.hubsso.scim.support.TestOrgs;
import dev.hubsso.scim.support.TestOrgs.TestOrg;
import dev.hubsso.testsupport.HubInfrastructure;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A PATCH that loses the race to another writer is computed again on what that writer stored
 * (ADR 0007): the test holds a writer's row lock and commits it while the PATCH's write waits on
 * it, so the PATCH's version check fails exactly once, deterministically.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class UserWriteRaceTest {

    private static final String DEACTIVATE = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"active","value":false}]}""";

    @Inject
    AgroalDataSource dataSource;

    /** A user's id and the response of a PATCH that raced with another writer's change of it. */
    private record Race(TestOrg org, String id, Response response) {
    }

    /**
     * Creates a user, then starts a PATCH of it while another connection holds an uncommitted
     * change of the same user (version + 1, displayName "Changed elsewhere"); waits until the
     * PATCH's write is blocked on that row, commits the other change, and returns the race.
     */
    private Race patchRacingWithAnotherWriter(String orgPrefix, String ifMatch) throws Exception {
        TestOrg org = TestOrgs.create(orgPrefix);
        ScimApi.awaitOrg(org);
        String id = createUserId(org, "racer-");
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement ps = other.prepareStatement(
                    "update scim.users set version = version + 1, display_name = 'Changed elsewhere' where id = ?")) {
                ps.setObject(1, UUID.fromString(id));
                assertEquals(1, ps.executeUpdate());
            }
            CompletableFuture<Response> patch = CompletableFuture.supplyAsync(() -> {
                var request = as(org).body(DEACTIVATE);
                if (ifMatch != null) {
                    request = request.header("If-Match", ifMatch);
                }
                return request.patch(org.base() + "/Users/" + id).then().extract().response();
            });
            // the PATCH read the committed version and now waits for the row lock in its write
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(this::aWriteWaitsOnARowLock);
            assertFalse(patch.isDone());
            other.commit();
            return new Race(org, id, patch.get(10, TimeUnit.SECONDS));
        }
    }

    private boolean aWriteWaitsOnARowLock() throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%update scim.users set%'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    @Test
    void aPatchThatLostTheRaceIsAppliedOnTheOtherWritersVersion() throws Exception {
        Race race = patchRacingWithAnotherWriter("race", null);
        Response response = race.response();
        assertEquals(200, response.statusCode(), response.asString());
        // version 1 created, 2 written by the other writer, 3 by the PATCH recomputed on it
        assertEquals("W/\"3\"", response.header("ETag"));
        assertEquals(Boolean.FALSE, response.path("active"));
        assertEquals("Changed elsewhere", response.path("displayName"), "the other writer's change is kept");
        as(race.org()).get(race.org().base() + "/Users/" + race.id()).then().statusCode(200)
                .header("ETag", "W/\"3\"");
    }

    @Test
    void aConditionalPatchThatLostTheRaceIsPreconditionFailed() throws Exception {
        Race race = patchRacingWithAnotherWriter("race-if", "W/\"1\"");
        Response response = race.response();
        assertEquals(412, response.statusCode(), response.asString());
        assertEquals("application/scim+json", response.contentType().split(";")[0]);
        // nothing of the PATCH was written: the other writer's version stands, still active
        Response stored = as(race.org()).get(race.org().base() + "/Users/" + race.id()).then().statusCode(200)
                .extract().response();
        assertEquals("W/\"2\"", stored.header("ETag"));
        assertEquals(Boolean.TRUE, stored.path("active"));
    }
}
