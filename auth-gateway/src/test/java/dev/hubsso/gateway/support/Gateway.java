package dev.hubsso.gateway.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/** RestAssured calls against the gateway under test. */
public final class Gateway {

    /** The admin key of the test profile ({@code %test.hub.admin.api-key}). */
    public static final String ADMIN_KEY = "test-admin-key";

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private Gateway() {
    }

    /** Waits until the revocation index read the snapshot topic (readiness UP). */
    public static void awaitReady() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    /** {@code POST /admin/tokens} with the admin key. */
    public static Response issue(Map<String, Object> body) {
        return given().auth().oauth2(ADMIN_KEY).contentType(ContentType.JSON).body(body).post("/admin/tokens");
    }

    /**
     * Issues a token for a username, waiting until the gateway has heard of the account (201). Only
     * non-managed accounts get one ({@link Provisioning#newOrdinaryAccount()}); a managed one would
     * wait in vain (409).
     */
    public static Map<String, Object> issueFor(String username) {
        return issueFor(username, Map.of());
    }

    /** Issues a token for a username with extra request fields, waiting until the gateway knows the account. */
    public static Map<String, Object> issueFor(String username, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("username", username);
        Response[] last = new Response[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            last[0] = issue(body);
            return last[0].statusCode() == 201;
        });
        return last[0].jsonPath().getMap("");
    }

    /**
     * An API token of a managed account as its user gets one: an SSO session of the account's org
     * (published first with {@link Provisioning.Account#withOrg()}), then {@code POST /api/tokens}
     * with its cookie, retried until the gateway knows account and org (201). The token is bound
     * to {@code sso:<org name>}.
     */
    public static Map<String, Object> ssoTokenFor(Provisioning.Account account) {
        Response[] last = new Response[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            last[0] = createSsoToken(account);
            return last[0].statusCode() == 201;
        });
        return last[0].jsonPath().getMap("");
    }

    /**
     * One {@code POST /api/tokens} (scope write) with a new SSO session of the account's org,
     * authenticated now.
     */
    public static Response createSsoToken(Provisioning.Account account) {
        if (account.orgId == null) {
            throw new IllegalArgumentException("an ordinary account has no SSO session");
        }
        String cookie = Sessions.insert(account.userId, account.orgId, "sso:" + account.orgName, Instant.now(),
                Instant.now().plus(1, ChronoUnit.HOURS));
        return given().cookie("hub_session", cookie).contentType(ContentType.JSON).body(Map.of("scope", "write"))
                .post("/api/tokens");
    }

    /** The secret of {@link #ssoTokenFor}. */
    public static String ssoToken(Provisioning.Account account) {
        return (String) ssoTokenFor(account).get("token");
    }

    /** {@code GET /auth/verify} with a bearer token. */
    public static Response verify(String token) {
        return given().header("Authorization", "Bearer " + token).get("/auth/verify");
    }

    /** Status of {@code GET /auth/verify} with a bearer token. */
    public static int verifyStatus(String token) {
        return verify(token).statusCode();
    }
}
