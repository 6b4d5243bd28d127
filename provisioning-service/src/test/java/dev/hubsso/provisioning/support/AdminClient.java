package dev.hubsso.provisioning.support;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

/** The admin API as a test uses it: authenticated with the test profile's API key. */
public final class AdminClient {

    /** {@code %test.hub.admin.api-key}. */
    public static final String API_KEY = "test-admin-key";
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private AdminClient() {
    }

    /** An authenticated JSON request (request and response are logged when an assertion fails). */
    public static RequestSpecification admin() {
        return given().auth().oauth2(API_KEY).contentType(ContentType.JSON);
    }

    /** A request without credentials (request and response are logged when an assertion fails). */
    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    /** A random lowercase tag, so that test classes sharing the database never collide. */
    public static String unique(int letters) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < letters; i++) {
            sb.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return sb.toString();
    }

    /** A valid create-org body. */
    public static Map<String, Object> orgBody(String name, String shortCode) {
        return Map.of("name", name, "shortCode", shortCode, "ssoMode", "managed", "publicContentAllowed", false,
                "allowedEmailDomains", List.of(shortCode + ".example.com"));
    }

    /** Creates an org and returns its id. */
    public static String createOrg(String name, String shortCode) {
        return admin().body(orgBody(name, shortCode)).post("/admin/orgs").then().statusCode(201).extract().path("id");
    }
}
