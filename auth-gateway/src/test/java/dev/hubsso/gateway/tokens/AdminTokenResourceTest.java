package dev.hubsso.gateway.tokens;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.gateway.support.Gateway;
import dev.hubsso.gateway.support.Provisioning;
import dev.hubsso.gateway.support.Provisioning.Account;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /admin/tokens}: who may call it, who gets a token, what is stored, and revocation. */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class AdminTokenResourceTest {

    @BeforeEach
    void ready() {
        Gateway.awaitReady();
    }

    @Test
    void issuesATokenToAnActiveUserThatVerifiesWithIdentityHeaders() {
        Account alice = Provisioning.newOrdinaryAccount().provision();
        await().atMost(Duration.ofSeconds(10)).until(() -> Gateway.issue(Map.of("username", alice.username)).statusCode() == 201);

        var issued = Gateway.issue(Map.of("username", alice.username)).then()
                .statusCode(201)
                .header("Location", matchesPattern(".*/admin/tokens/[0-9a-f-]{36}"))
                .body("id", notNullValue())
                .body("token", matchesPattern("hub_[A-Za-z0-9_-]{43}"))
                .body("userId", equalTo(alice.userId))
                .body("username", equalTo(alice.username))
                .body("scope", equalTo("read"))
                .body("createdAt", notNullValue())
                .body("expiresAt", nullValue())
                .extract().jsonPath();

        Gateway.verify(issued.getString("token")).then()
                .statusCode(200)
                .header("X-Hub-User", alice.username)
                .header("X-Hub-User-Id", alice.userId)
                .header("X-Hub-Org", nullValue())
                .header("X-Hub-Managed", "false")
                .header("X-Hub-Auth", "token")
                .header("X-Hub-Scope", "read");

        String write = Gateway.issue(Map.of("userId", alice.userId, "scope", "write")).then().statusCode(201)
                .body("username", equalTo(alice.username)).body("scope", equalTo("write")).extract().path("token");
        Gateway.verify(write).then().statusCode(200).header("X-Hub-Scope", "write");
    }

    @Test
    void storesOnlyTheHashOfTheToken() throws Exception {
        Account bob = Provisioning.newOrdinaryAccount().provision();
        Map<String, Object> issued = Gateway.issueFor(bob.username);
        String token = (String) issued.get("token");
        try (Connection c = db(); PreparedStatement st = c.prepareStatement(
                "select token_hash, user_id, scope, revoked_at from gateway.api_tokens where id = ?")) {
            st.setObject(1, UUID.fromString((String) issued.get("id")));
            ResultSet rs = st.executeQuery();
            assertTrue(rs.next());
            assertEquals(TokenCredentials.hash(token), rs.getString("token_hash"));
            assertEquals(bob.userId, rs.getString("user_id"));
            assertEquals("read", rs.getString("scope"));
        }
        try (Connection c = db(); PreparedStatement st = c.prepareStatement(
                "select count(*) from gateway.api_tokens where token_hash = ? or token_hash like ?")) {
            st.setString(1, token);
            st.setString(2, "hub_%");
            ResultSet rs = st.executeQuery();
            rs.next();
            assertEquals(0, rs.getInt(1), "the secret itself is never stored");
        }
    }

    @Test
    void aTokenThisReplicaHasNotSeenIsReadFromTheDatabase() throws Exception {
        // As if another replica had issued it: only the row exists, this replica never cached it.
        Account carol = Provisioning.newOrdinaryAccount().provision();
        Gateway.issueFor(carol.username); // waits until the index knows carol
        String token = TokenCredentials.generate();
        try (Connection c = db(); PreparedStatement st = c.prepareStatement(
                "insert into gateway.api_tokens (id, user_id, token_hash, scope, created_at) values (?, ?, ?, 'write', ?)")) {
            st.setObject(1, UUID.randomUUID());
            st.setString(2, carol.userId);
            st.setString(3, TokenCredentials.hash(token));
            st.setTimestamp(4, Timestamp.from(Instant.now()));
            st.executeUpdate();
        }
        Gateway.verify(token).then().statusCode(200).header("X-Hub-User", carol.username).header("X-Hub-Scope", "write");
        Gateway.verify(token).then().statusCode(200).header("X-Hub-User", carol.username);
    }

    @Test
    void unknownUserIs404() {
        given().auth().oauth2(Gateway.ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("username", "nobody-" + UUID.randomUUID().toString().substring(0, 8)))
                .post("/admin/tokens").then()
                .statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        Gateway.issue(Map.of("userId", UUID.randomUUID().toString())).then().statusCode(404);
    }

    @Test
    void userThatIsNotActiveIs409() {
        Account dave = Provisioning.newOrdinaryAccount().provision().deactivate();
        await().atMost(Duration.ofSeconds(10)).until(() -> Gateway.issue(Map.of("username", dave.username)).statusCode() == 409);
        Gateway.issue(Map.of("username", dave.username)).then()
                .statusCode(409).contentType("application/problem+json").body("status", equalTo(409));
    }

    @Test
    void aManagedAccountGetsNoAdminTokenButAProblemSayingHowToGetOne() {
        Account mia = Provisioning.newAccount().withOrg().provision();
        Gateway.ssoTokenFor(mia); // the gateway knows mia and her org
        Gateway.issue(Map.of("username", mia.username)).then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:hub:problem:managed-account"))
                .body("status", equalTo(409))
                .body("detail", containsString("managed accounts get API tokens only through an SSO session: POST /api/tokens"));
        Gateway.issue(Map.of("userId", mia.userId, "scope", "write")).then().statusCode(409)
                .body("type", equalTo("urn:hub:problem:managed-account"));
        // also while its org is unknown to the gateway (counts as managed: fail closed)
        Account ned = Provisioning.newAccount().provision();
        await().atMost(Duration.ofSeconds(10)).until(() -> Gateway.issue(Map.of("username", ned.username)).statusCode() != 404);
        Gateway.issue(Map.of("username", ned.username)).then().statusCode(409)
                .body("type", equalTo("urn:hub:problem:managed-account"));
        try (Connection c = db(); PreparedStatement st = c.prepareStatement(
                "select count(*) from gateway.api_tokens where user_id in (?, ?) and auth_method is null")) {
            st.setString(1, mia.userId);
            st.setString(2, ned.userId);
            ResultSet rs = st.executeQuery();
            rs.next();
            assertEquals(0, rs.getInt(1), "no unbound token was stored");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void invalidRequestsAre400() {
        Account erin = Provisioning.newOrdinaryAccount().provision();
        Gateway.issue(Map.of("scope", "read")).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("$.username"));
        Gateway.issue(Map.of("username", erin.username, "scope", "admin")).then().statusCode(400)
                .body("errors.field", hasItem("$.scope"));
        Gateway.issue(Map.of("username", erin.username, "expiresInSeconds", 0)).then().statusCode(400)
                .body("errors.field", hasItem("$.expiresInSeconds"));
        Gateway.issue(Map.of("username", erin.username, "expiresInSeconds", Long.MAX_VALUE)).then().statusCode(400)
                .body("errors.field", hasItem("$.expiresInSeconds"));
    }

    @Test
    void adminEndpointsWithoutTheKeyAre401ProblemJson() {
        Account frank = Provisioning.newOrdinaryAccount().provision();
        Map<String, Object> issued = Gateway.issueFor(frank.username);

        given().contentType(ContentType.JSON).body(Map.of("username", frank.username)).post("/admin/tokens").then()
                .statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401)).body("title", equalTo("Unauthorized"));
        given().auth().oauth2("test-admin-kez").contentType(ContentType.JSON).body(Map.of("username", frank.username))
                .post("/admin/tokens").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Gateway.ADMIN_KEY + "x").contentType(ContentType.JSON).body(Map.of("username", frank.username))
                .post("/admin/tokens").then().statusCode(401);
        given().auth().basic("admin", Gateway.ADMIN_KEY).contentType(ContentType.JSON).body(Map.of("username", frank.username))
                .post("/admin/tokens").then().statusCode(401);
        // authentication comes before the body is even read
        given().contentType(ContentType.JSON).body("{not json").post("/admin/tokens").then().statusCode(401);
        given().delete("/admin/tokens/" + issued.get("id")).then().statusCode(401).contentType("application/problem+json");
        Gateway.verify((String) issued.get("token")).then().statusCode(200);
    }

    @Test
    void revokedTokenIs401() {
        Account grace = Provisioning.newOrdinaryAccount().provision();
        Map<String, Object> issued = Gateway.issueFor(grace.username);
        String token = (String) issued.get("token");
        Gateway.verify(token).then().statusCode(200);

        given().auth().oauth2(Gateway.ADMIN_KEY).delete("/admin/tokens/" + issued.get("id")).then().statusCode(204);
        Gateway.verify(token).then().statusCode(401);
        // idempotent, and unknown ids are 404
        given().auth().oauth2(Gateway.ADMIN_KEY).delete("/admin/tokens/" + issued.get("id")).then().statusCode(204);
        given().auth().oauth2(Gateway.ADMIN_KEY).delete("/admin/tokens/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(Gateway.ADMIN_KEY).delete("/admin/tokens/not-a-uuid").then().statusCode(404);
        // another token of the same user is unaffected
        Gateway.verify((String) Gateway.issueFor(grace.username).get("token")).then().statusCode(200);
    }

    @Test
    void expiredTokenIs401() {
        Account heidi = Provisioning.newOrdinaryAccount().provision();
        Map<String, Object> issued = Gateway.issueFor(heidi.username, Map.of("expiresInSeconds", 2));
        String token = (String) issued.get("token");
        Instant expiresAt = Instant.parse((String) issued.get("expiresAt"));
        Instant createdAt = Instant.parse((String) issued.get("createdAt"));
        assertEquals(Duration.ofSeconds(2), Duration.between(createdAt, expiresAt));
        Gateway.verify(token).then().statusCode(200);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> Gateway.verifyStatus(token) == 401);
        assertTrue(!Instant.now().isBefore(expiresAt), "refused only once expired");
    }

    static Connection db() throws Exception {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }
}
