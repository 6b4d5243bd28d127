package dev.hubsso.gateway.verify;

import static dev.hubsso.gateway.verify.Fixtures.session;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hubsso.events.OrgConfig.SsoMode;
import dev.hubsso.events.SessionRevoked;
import dev.hubsso.gateway.revocation.RevocationIndex;
import dev.hubsso.gateway.support.Gateway;
import dev.hubsso.gateway.support.Provisioning;
import dev.hubsso.gateway.verify.Fixtures.Org;
import dev.hubsso.gateway.verify.Fixtures.User;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/tokens}: a logged-in user creates, lists and revokes their own tokens; the tokens
 * are bound to the SSO authorization they were created from.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class UserTokenResourceTest {

    private static final String COOKIE = "hub_session";

    @Inject
    RevocationIndex index;

    @BeforeEach
    void ready() {
        Gateway.awaitReady();
    }

    private static io.restassured.response.Response create(String cookie, Map<String, Object> body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (cookie != null) {
            request.cookie(COOKIE, cookie);
        }
        return request.post("/api/tokens");
    }

    @Test
    void aLoggedInUserCreatesListsAndRevokesTheirTokens() throws Exception {
        Org org = Fixtures.org(SsoMode.MANAGED, 3600, index);
        User alice = Fixtures.user(org, true, "write", index);
        String cookie = session(alice, org);

        var issued = create(cookie, Map.of("name", "laptop", "scope", "write", "expiresInSeconds", 3600)).then()
                .statusCode(201)
                .header("Location", matchesPattern(".*/api/tokens/[0-9a-f-]{36}"))
                .body("token", matchesPattern("hub_[A-Za-z0-9_-]{43}"))
                .body("userId", equalTo(alice.userId))
                .body("scope", equalTo("write"))
                .extract().jsonPath();
        String token = issued.getString("token");
        String id = issued.getString("id");

        Gateway.verify(token).then().statusCode(200)
                .header("X-Hub-User", alice.username)
                .header("X-Hub-Auth", "token")
                .header("X-Hub-Scope", "write")
                .header("X-Hub-Managed", "true");

        // bound to the session it was created from
        try (Connection c = Fixtures.jdbc(); PreparedStatement ps = c.prepareStatement(
                "select session_id, org_id, auth_method, name from gateway.api_tokens where id = ?")) {
            ps.setObject(1, UUID.fromString(id));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(Fixtures.sessionIdOf(cookie), rs.getString(1));
                assertEquals(org.orgId, rs.getString(2));
                assertEquals("sso:" + org.name, rs.getString(3));
                assertEquals("laptop", rs.getString(4));
            }
        }

        given().cookie(COOKIE, cookie).get("/api/tokens").then().statusCode(200)
                .body("id", hasItem(id))
                .body("find { it.id == '" + id + "' }.name", equalTo("laptop"))
                .body("find { it.id == '" + id + "' }.authMethod", equalTo("sso:" + org.name))
                .body("find { it.id == '" + id + "' }.token", nullValue())
                .body(not(containsString(token)));

        // someone else cannot see or revoke it
        User bob = Fixtures.user(org, true, "read", index);
        String bobs = session(bob, org);
        given().cookie(COOKIE, bobs).get("/api/tokens").then().statusCode(200).body("id", not(hasItem(id)));
        given().cookie(COOKIE, bobs).delete("/api/tokens/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        Gateway.verify(token).then().statusCode(200);

        given().cookie(COOKIE, cookie).delete("/api/tokens/" + id).then().statusCode(204);
        Gateway.verify(token).then().statusCode(401);
        given().cookie(COOKIE, cookie).delete("/api/tokens/" + id).then().statusCode(204); // idempotent
        given().cookie(COOKIE, cookie).get("/api/tokens").then().statusCode(200).body("id", not(hasItem(id)));
        given().cookie(COOKIE, cookie).delete("/api/tokens/not-a-uuid").then().statusCode(404);
    }

    @Test
    void withoutAGoodSessionNoTokenIsCreatedAndBadInputIs400() {
        create(null, Map.of("scope", "read")).then().statusCode(401).contentType("application/problem+json");
        create("v1.test.garbage", Map.of("scope", "read")).then().statusCode(401);
        given().get("/api/tokens").then().statusCode(401);
        // a managed user's API token or hub credential is not a session
        Org org = Fixtures.org(SsoMode.MANAGED, 3600, index);
        User carol = Fixtures.user(org, true, "read", index);
        String token = create(session(carol, org), Map.of()).then().statusCode(201).extract().path("token");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of()).post("/api/tokens").then()
                .statusCode(401);
        // a session that is too old for its org
        String old = session(carol, org, Instant.now().minusSeconds(7200), Instant.now().plusSeconds(600));
        create(old, Map.of()).then().statusCode(401);

        String cookie = session(carol, org);
        create(cookie, Map.of("scope", "admin")).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("$.scope"));
        create(cookie, Map.of("expiresInSeconds", 0)).then().statusCode(400);
        create(cookie, Map.of("name", "x".repeat(101))).then().statusCode(400);
        given().cookie(COOKIE, cookie).contentType(ContentType.JSON).body("{not json").post("/api/tokens").then()
                .statusCode(400).contentType("application/problem+json");
        given().cookie(COOKIE, cookie).contentType(ContentType.TEXT).body("scope=read").post("/api/tokens").then()
                .statusCode(415);
    }

    @Test
    void aTokenSurvivesTheLogoutOfItsSessionButDiesWithTheAccount() {
        Org org = Fixtures.org(SsoMode.MANAGED, 3600, index);
        User dan = Fixtures.user(org, true, "read", index);
        String cookie = session(dan, org);
        String token = create(cookie, Map.of()).then().statusCode(201).extract().path("token");

        Provisioning.publish(new SessionRevoked(UUID.randomUUID().toString(), Instant.now(), dan.userId, org.orgId,
                Fixtures.sessionIdOf(cookie), null, "logout"));
        await().atMost(Duration.ofSeconds(2)).until(() -> given().cookie(COOKIE, cookie).get("/auth/verify")
                .statusCode() == 401);
        Gateway.verify(token).then().statusCode(200);

        dan.deactivate();
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> Gateway.verifyStatus(token) == 401);
        dan.reactivate(index);
        Gateway.verify(token).then().statusCode(401);
    }

    @Test
    void aBasicOrgMembersTokenReachesTheOrgOnlyIfCreatedFromItsSsoSession() {
        Org basic = Fixtures.org(SsoMode.BASIC, 3600, index);
        User erin = Fixtures.user(basic, true, "read", index);
        String bound = create(session(erin, basic), Map.of()).then().statusCode(201).extract().path("token");
        String byAdmin = (String) Gateway.issueFor(erin.username).get("token");

        given().auth().oauth2(bound).header("X-Hub-Target-Org", basic.name).get("/auth/verify").then().statusCode(200)
                .header("X-Hub-Managed", "false");
        given().auth().oauth2(byAdmin).header("X-Hub-Target-Org", basic.name).get("/auth/verify").then()
                .statusCode(401).header("X-Hub-Login", "/login/" + basic.name);
        given().auth().oauth2(byAdmin).get("/auth/verify").then().statusCode(200);
    }
}
