package dev.hubsso.scim.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.hubsso.scim.support.TestOrgs.TestOrg;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.filter.log.LogDetail;
import io.restassured.parsing.Parser;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;

/** RestAssured requests against the SCIM API, as an IdP sends them. */
public final class ScimApi {

    public static final String SCIM_JSON = "application/scim+json";

    static {
        RestAssured.registerParser(SCIM_JSON, Parser.JSON);
        RestAssured.config = RestAssuredConfig.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails(LogDetail.ALL);
    }

    private ScimApi() {
    }

    /** A request with the org's token and a SCIM JSON body type. */
    public static RequestSpecification as(TestOrg org) {
        return as(org.token());
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(SCIM_JSON).accept(SCIM_JSON);
    }

    /** Waits until the service has seen the org and its token (the directory follows the topic). */
    public static void awaitOrg(TestOrg org) {
        awaitStatus(org.token(), org, 200);
    }

    /** Waits until a list request of {@code token} to {@code org} answers {@code status}. */
    public static void awaitStatus(String token, TestOrg org, int status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> as(token)
                .queryParam("filter", "userName eq \"nobody\"").get(org.base() + "/Users").statusCode() == status);
    }

    /** Creates a user from a JSON body and returns the response (asserting 201). */
    public static Response createUser(TestOrg org, String body) {
        return as(org).body(body).post(org.base() + "/Users").then().statusCode(201).extract().response();
    }

    /** Creates a user named {@code prefix} plus six random characters; returns its id. */
    public static String createUserId(TestOrg org, String prefix) {
        return createUser(org, userBody(prefix + java.util.UUID.randomUUID().toString().substring(0, 6))).path("id");
    }

    /** A minimal create body. */
    public static String userBody(String userName) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "userName":"%s","name":{"givenName":"Ada","familyName":"Lovelace"},
                 "emails":[{"value":"%s","type":"work","primary":true}],"active":true}
                """.formatted(userName, userName.contains("@") ? userName : userName + "@example.com");
    }
}
