package dev.hubsso.gateway.verify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hubsso.events.OrgConfig.SsoMode;
import dev.hubsso.gateway.revocation.RevocationIndex;
import dev.hubsso.gateway.support.Gateway;
import dev.hubsso.gateway.tokens.TokenCredentials;
import dev.hubsso.gateway.verify.Fixtures.Org;
import dev.hubsso.gateway.verify.Fixtures.User;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Global SSO enforcement for API tokens: a managed account's token passes {@code /auth/verify}
 * only if it is bound to an SSO authorization of the account's own org; any other (as an admin
 * would have minted it, or bound to another org's IdP) is refused as {@code sso-required}. The
 * token rows are inserted directly, as another replica or an older version could have left them.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class ManagedTokenTest {

    private static final Pattern SSO_REQUIRED = Pattern.compile(
            "^hub_gateway_verify_total\\{[^}]*outcome=\"sso-required\"[^}]*} (\\S+)$", Pattern.MULTILINE);

    @Inject
    RevocationIndex index;

    @BeforeEach
    void ready() {
        Gateway.awaitReady();
    }

    @Test
    void aManagedAccountsUnboundTokenIsRefusedAsSsoRequiredAndItsBoundTokenPasses() {
        Org org = Fixtures.org(SsoMode.MANAGED, 3600, index);
        User mia = Fixtures.user(org, true, "write", index);

        String unbound = insertToken(mia.userId, null, null);
        double before = ssoRequiredCount();
        Gateway.verify(unbound).then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .header("X-Hub-Login", "/login/" + org.name)
                .header("X-Hub-User", nullValue())
                .contentType("application/problem+json");
        assertEquals(before + 1, ssoRequiredCount(), "refused as sso-required");
        // a browser is sent to its org's login, keeping where it was going
        given().header("Authorization", "Bearer " + unbound).header("Accept", "text/html")
                .header("X-Original-Method", "GET").header("X-Original-URI", "/models/x")
                .redirects().follow(false).get("/auth/verify").then().statusCode(302)
                .header("Location", "/login/" + org.name + "?redirect_uri=%2Fmodels%2Fx");
        // cached now: still refused
        Gateway.verify(unbound).then().statusCode(401).header("X-Hub-Login", "/login/" + org.name);

        // bound to another org's IdP, or to its own org without the SSO method: refused too
        Org other = Fixtures.org(SsoMode.MANAGED, 3600, index);
        Gateway.verify(insertToken(mia.userId, mia.orgId, "sso:" + other.name)).then().statusCode(401)
                .header("X-Hub-Login", "/login/" + org.name);
        Gateway.verify(insertToken(mia.userId, mia.orgId, null)).then().statusCode(401);

        // a bound row of the same account (as POST /api/tokens writes it) passes
        String bound = insertToken(mia.userId, mia.orgId, "sso:" + org.name);
        Gateway.verify(bound).then().statusCode(200)
                .header("X-Hub-User", mia.username)
                .header("X-Hub-Managed", "true")
                .header("X-Hub-Auth", "token");
        // and so does one its user creates from an SSO session
        String created = given().cookie("hub_session", Fixtures.session(mia, org)).contentType(ContentType.JSON)
                .body(Map.of()).post("/api/tokens").then().statusCode(201).extract().path("token");
        Gateway.verify(created).then().statusCode(200);
        // the admin cannot mint one at all
        Gateway.issue(Map.of("username", mia.username)).then().statusCode(409);
    }

    @Test
    void aManagedAccountWhoseOrgIsUnknownHasNoAcceptableToken() {
        Org org = Fixtures.org(SsoMode.MANAGED, 3600, index);
        User ned = Fixtures.user(org, true, "read", index);
        String bound = insertToken(ned.userId, ned.orgId, "sso:" + org.name);
        Gateway.verify(bound).then().statusCode(200);
        org.delete(index);
        // the token was cached while the org existed: the verdict follows the org away
        Gateway.verify(bound).then().statusCode(401);
    }

    @Test
    void tokensOfNonManagedAccountsAreUnaffected() {
        // an ordinary account: no org
        User ordinary = Fixtures.user(null, false, null, index);
        Gateway.verify(insertToken(ordinary.userId, null, null)).then().statusCode(200)
                .header("X-Hub-Managed", "false").header("X-Hub-Org", nullValue());
        String admin = (String) Gateway.issueFor(ordinary.username).get("token");
        Gateway.verify(admin).then().statusCode(200).header("X-Hub-User", ordinary.username);

        // a member of a basic-mode org (provisioning marks it managed; the org's mode decides)
        Org basic = Fixtures.org(SsoMode.BASIC, 3600, index);
        User member = Fixtures.user(basic, true, "read", index);
        Gateway.verify(insertToken(member.userId, null, null)).then().statusCode(200).header("X-Hub-Managed", "false");
        Gateway.issue(Map.of("username", member.username)).then().statusCode(201);
    }

    /** Inserts a token row (binding columns as given) and returns its secret. */
    private static String insertToken(String userId, String orgId, String authMethod) {
        String secret = TokenCredentials.generate();
        try (Connection c = Fixtures.jdbc(); PreparedStatement ps = c.prepareStatement(
                "insert into gateway.api_tokens (id, user_id, token_hash, scope, created_at, org_id, auth_method) "
                        + "values (?, ?, ?, 'read', ?, ?, ?)")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, userId);
            ps.setString(3, TokenCredentials.hash(secret));
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.setString(5, orgId);
            ps.setString(6, authMethod);
            ps.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return secret;
    }

    private static double ssoRequiredCount() {
        Matcher m = SSO_REQUIRED.matcher(given().get("/q/metrics").asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
