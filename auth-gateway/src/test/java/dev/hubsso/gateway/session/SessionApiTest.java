package dev.hubsso.gateway.session;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.gateway.revocation.RevocationIndex;
import dev.hubsso.gateway.support.Gateway;
import dev.hubsso.gateway.support.Provisioning;
import dev.hubsso.gateway.support.Provisioning.Account;
import dev.hubsso.testsupport.HubInfrastructure;
import dev.hubsso.testsupport.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session registry APIs: a user lists and revokes their own sessions by cookie; an admin lists
 * a user's or an org's sessions and revokes one or all. Revocations reach a second, independent
 * replica over the real broker.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class SessionApiTest {

    private static final String ORG_ID = UUID.randomUUID().toString();
    private static final String ORG = "sapi" + Long.toString(System.nanoTime() % 1_000_000L, 36);
    private static RevocationIndex otherReplica;

    @Inject
    RevocationIndex running;

    @BeforeAll
    static void secondReplica() {
        otherReplica = new RevocationIndex();
        otherReplica.follow("sessions-other-replica", KafkaBroker.shared().bootstrapServers(), Map.of());
    }

    @AfterAll
    static void stop() {
        otherReplica.close();
    }

    @BeforeEach
    void ready() {
        Gateway.awaitReady();
        await().atMost(Duration.ofSeconds(30)).until(otherReplica::isReady);
    }

    private Account knownAccount() {
        Account a = Provisioning.newAccount().provision();
        await().atMost(Duration.ofSeconds(10)).until(() -> running.user(a.userId).isPresent());
        return a;
    }

    private static TestSessions.Created session(Account a) {
        return TestSessions.create(a.userId, ORG_ID, ORG, "sub-" + a.userId, "sid-" + UUID.randomUUID());
    }

    private static RequestSpecification as(TestSessions.Created s) {
        return given().cookie(TestSessions.cookieName(), s.cookie());
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(Gateway.ADMIN_KEY);
    }

    @Test
    void aUserListsTheirLiveSessionsNewestFirst() {
        Account ann = knownAccount();
        TestSessions.Created older = TestSessions.create(ann.userId, ORG_ID, ORG, "sub", null,
                Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MICROS));
        TestSessions.Created current = session(ann);
        TestSessions.Created revoked = session(ann);
        admin().delete("/admin/sessions/" + revoked.id()).then().statusCode(204);
        TestSessions.Created expired = TestSessions.create(ann.userId, ORG_ID, ORG, "sub", null,
                Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS));
        TestSessions.Created someoneElses = session(knownAccount());

        as(current).get("/api/sessions").then().statusCode(200)
                .body("id", equalTo(List.of(current.id(), older.id())))
                .body("current", equalTo(List.of(true, false)))
                .body("[0].orgId", equalTo(ORG_ID))
                .body("[0].authMethod", equalTo("sso:" + ORG))
                .body("[0].userAgent", equalTo("test-browser"))
                .body("[0]", not(org.hamcrest.Matchers.hasKey("cookie")));
        as(older).get("/api/sessions").then().statusCode(200).body("current", equalTo(List.of(false, true)));
        // the expired and revoked sessions' own cookies get nothing
        as(expired).get("/api/sessions").then().statusCode(401);
        as(revoked).get("/api/sessions").then().statusCode(401);
        assertNull(TestSessions.revokedReason(someoneElses.id()));
    }

    @Test
    void noTamperedForeignOrMissingCookieGetsIn() {
        Account bea = knownAccount();
        TestSessions.Created s = session(bea);
        String c = s.cookie();
        String tampered = c.substring(0, c.length() - 3) + (c.endsWith("A") ? "BBB" : "AAA");
        given().get("/api/sessions").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
        given().cookie(TestSessions.cookieName(), tampered).get("/api/sessions").then().statusCode(401);
        SessionCookieCodec foreignKey = new SessionCookieCodec(List.of(
                "other:" + java.util.Base64.getEncoder().encodeToString(new byte[32])));
        given().cookie(TestSessions.cookieName(), foreignKey.seal(s.claims())).get("/api/sessions").then().statusCode(401);
        // a cookie whose session row does not exist
        SessionClaims ghost = new SessionClaims(UUID.randomUUID().toString(), bea.userId, ORG_ID, "sso:" + ORG,
                Instant.now(), Instant.now().plusSeconds(3600));
        given().cookie(TestSessions.cookieName(), TestSessions.codec().seal(ghost)).get("/api/sessions").then().statusCode(401);
        // an account the gateway does not know (or no longer active) gets nothing either
        TestSessions.Created unknownUser = TestSessions.create(UUID.randomUUID().toString(), ORG_ID, ORG, "s", null);
        given().cookie(TestSessions.cookieName(), unknownUser.cookie()).get("/api/sessions").then().statusCode(401);
        as(s).get("/api/sessions").then().statusCode(200);
        given().cookie(TestSessions.cookieName(), s.cookie()).delete("/api/sessions/not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aDeactivatedUsersCookieIsRefused() {
        Account cid = knownAccount();
        TestSessions.Created s = session(cid);
        as(s).get("/api/sessions").then().statusCode(200);
        cid.deactivate();
        await().atMost(Duration.ofSeconds(10)).until(() -> !running.user(cid.userId).orElseThrow().isActive());
        as(s).get("/api/sessions").then().statusCode(401);
    }

    @Test
    void aUserRevokesOneOfTheirSessionsOnEveryReplicaButNotSomeoneElses() {
        Account dan = knownAccount();
        TestSessions.Created laptop = session(dan);
        TestSessions.Created phone = session(dan);
        TestSessions.Created strangers = session(knownAccount());

        as(laptop).delete("/api/sessions/" + strangers.id()).then().statusCode(404)
                .contentType("application/problem+json");
        as(laptop).delete("/api/sessions/" + UUID.randomUUID()).then().statusCode(404);
        assertNull(TestSessions.revokedReason(strangers.id()));

        as(laptop).delete("/api/sessions/" + phone.id()).then().statusCode(204).header("Set-Cookie", (String) null);
        assertEquals("user", TestSessions.revokedReason(phone.id()));
        assertTrue(running.isSessionRevoked(dan.userId, phone.id(), phone.createdAt()));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> otherReplica.isSessionRevoked(dan.userId, phone.id(), phone.createdAt()));
        assertFalse(otherReplica.isSessionRevoked(dan.userId, laptop.id(), laptop.createdAt()));
        as(phone).get("/api/sessions").then().statusCode(401);
        as(laptop).get("/api/sessions").then().statusCode(200).body("id", equalTo(List.of(laptop.id())));
        // idempotent
        as(laptop).delete("/api/sessions/" + phone.id()).then().statusCode(204);

        // revoking the current session also clears its cookie
        as(laptop).delete("/api/sessions/" + laptop.id()).then().statusCode(204)
                .header("Set-Cookie", containsString("Max-Age=0"));
        as(laptop).get("/api/sessions").then().statusCode(401);
    }

    @Test
    void anAdminListsSessionsByUserAndByOrgNewestFirstInPages() {
        Account eli = knownAccount();
        String orgId = UUID.randomUUID().toString();
        Instant base = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String[] ids = new String[3];
        for (int i = 0; i < 3; i++) {
            ids[i] = TestSessions.create(eli.userId, orgId, ORG, "sub", null, base.minusSeconds(60 - i)).id();
        }
        admin().delete("/admin/sessions/" + ids[0]).then().statusCode(204);

        admin().queryParam("userId", eli.userId).get("/admin/sessions").then().statusCode(200)
                .body("total", equalTo(3))
                .body("sessions.id", equalTo(List.of(ids[2], ids[1], ids[0])))
                .body("sessions[2].revokedReason", equalTo("admin"))
                .body("sessions[0].userId", equalTo(eli.userId));
        admin().queryParam("orgId", orgId).queryParam("size", 2).get("/admin/sessions").then().statusCode(200)
                .body("total", equalTo(3)).body("size", equalTo(2))
                .body("sessions.id", equalTo(List.of(ids[2], ids[1])));
        admin().queryParam("orgId", orgId).queryParam("size", 2).queryParam("page", 1).get("/admin/sessions").then()
                .statusCode(200).body("sessions.id", equalTo(List.of(ids[0])));
        admin().queryParam("orgId", UUID.randomUUID()).get("/admin/sessions").then().statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void adminSessionCallsCheckTheKeyAndTheirInput() {
        given().get("/admin/sessions?userId=" + UUID.randomUUID()).then().statusCode(401);
        given().auth().oauth2("wrong").delete("/admin/sessions/" + UUID.randomUUID()).then().statusCode(401);
        given().post("/admin/users/" + UUID.randomUUID() + "/sessions/revoke").then().statusCode(401);

        admin().get("/admin/sessions").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("userId"));
        admin().queryParam("userId", UUID.randomUUID()).queryParam("orgId", UUID.randomUUID()).get("/admin/sessions")
                .then().statusCode(400);
        admin().queryParam("userId", "alice").get("/admin/sessions").then().statusCode(400)
                .body("errors.field", hasItem("userId"));
        admin().queryParam("orgId", UUID.randomUUID()).queryParam("size", 0).get("/admin/sessions").then().statusCode(400)
                .body("errors.field", hasItem("size"));
        admin().queryParam("orgId", UUID.randomUUID()).queryParam("size", 201).get("/admin/sessions").then().statusCode(400);
        admin().queryParam("orgId", UUID.randomUUID()).queryParam("page", -1).get("/admin/sessions").then().statusCode(400)
                .body("errors.field", hasItem("page"));
        admin().queryParam("orgId", UUID.randomUUID()).queryParam("page", "x").get("/admin/sessions").then().statusCode(400);

        admin().delete("/admin/sessions/nope").then().statusCode(400).contentType("application/problem+json");
        admin().delete("/admin/sessions/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        admin().post("/admin/users/nope/sessions/revoke").then().statusCode(400).contentType("application/problem+json");
        admin().post("/admin/users/" + UUID.randomUUID() + "/sessions/revoke").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anAdminRevokesOneSessionOrAllOfAUsersOnEveryReplica() {
        Account fin = knownAccount();
        TestSessions.Created one = session(fin);
        TestSessions.Created two = session(fin);
        TestSessions.Created three = session(fin);
        TestSessions.Created bystander = session(knownAccount());

        admin().delete("/admin/sessions/" + one.id()).then().statusCode(204);
        admin().delete("/admin/sessions/" + one.id()).then().statusCode(204);
        assertEquals("admin", TestSessions.revokedReason(one.id()));
        await().atMost(Duration.ofSeconds(10)).until(() -> otherReplica.isSessionRevoked(fin.userId, one.id(), one.createdAt()));
        assertFalse(otherReplica.isSessionRevoked(fin.userId, two.id(), two.createdAt()));

        admin().post("/admin/users/" + fin.userId + "/sessions/revoke").then().statusCode(200)
                .body("userId", equalTo(fin.userId)).body("revoked", equalTo(2));
        assertEquals("admin", TestSessions.revokedReason(two.id()));
        assertEquals("admin", TestSessions.revokedReason(three.id()));
        assertNull(TestSessions.revokedReason(bystander.id()));
        // one user-wide event: every session of the user issued before it
        await().atMost(Duration.ofSeconds(10)).until(() -> otherReplica.isSessionRevoked(fin.userId, two.id(), two.createdAt())
                && otherReplica.isSessionRevoked(fin.userId, three.id(), three.createdAt()));
        assertTrue(running.isSessionRevoked(fin.userId, three.id(), three.createdAt()));
        assertFalse(otherReplica.isSessionRevoked(bystander.userId(), bystander.id(), bystander.createdAt()));
        as(two).get("/api/sessions").then().statusCode(401);
        // a session established afterwards is not affected
        TestSessions.Created later = session(fin);
        assertFalse(running.isSessionRevoked(fin.userId, later.id(), later.createdAt()));
        as(later).get("/api/sessions").then().statusCode(200);

        admin().post("/admin/users/" + fin.userId + "/sessions/revoke").then().statusCode(200).body("revoked", equalTo(1));
        admin().post("/admin/users/" + fin.userId + "/sessions/revoke").then().statusCode(200).body("revoked", equalTo(0));
    }
}
