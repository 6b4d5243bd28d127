package dev.hubsso.gateway.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
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

    /** Issues a token for a username, waiting until the gateway has heard of the account (201). */
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

    /** {@code GET /auth/verify} with a bearer token. */
    public static Response verify(String token) {
        return given().header("Authorization", "Bearer " + token).get("/auth/verify");
    }

    /** Status of {@code GET /auth/verify} with a bearer token. */
    public static int verifyStatus(String token) {
        return verify(token).statusCode();
    }
}
