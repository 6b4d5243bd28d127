package dev.hubsso.provisioning.admin;

import static dev.hubsso.provisioning.support.AdminClient.orgBody;
import static dev.hubsso.provisioning.support.AdminClient.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.hubsso.provisioning.support.AdminClient;
import dev.hubsso.provisioning.support.AdminOidc;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Admin authentication with real OIDC access tokens from a real OpenID Provider (client
 * credentials), with the API key fallback still working.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = AdminOidc.class, restrictToAnnotatedClass = false)
class AdminOidcAuthTest {

    @Test
    void anAdminTokenFromTheTrustedIssuerIsAcceptedAndAuditedAsItsSubject() {
        String token = AdminOidc.token(AdminOidc.ISSUER_ID, "admin-cli");
        String name = "oidc-" + unique(6);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(orgBody(name, unique(6)))
                .post("/admin/orgs").then().statusCode(201);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("defaultRole", "write"))
                .patch("/admin/orgs/" + name).then().statusCode(200);
        given().auth().oauth2(token).queryParam("action", "org.settings-changed").get("/admin/orgs/" + name + "/audit")
                .then().statusCode(200).body("items[0].actor", equalTo("admin:oidc:alice"));
    }

    @Test
    void tokensWithoutTheRoleAreForbiddenFromAnotherIssuerOrTamperedUnauthenticated() {
        String name = "oidc-" + unique(6);
        AdminClient.createOrg(name, unique(6));
        String viewer = AdminOidc.token(AdminOidc.ISSUER_ID, "viewer-cli");
        // a good token of someone who is not an admin: forbidden, not unauthenticated (RFC 6750 §3.1)
        given().auth().oauth2(viewer).get("/admin/orgs/" + name).then().statusCode(403)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"hub-admin\", error=\"insufficient_scope\""));
        String foreign = AdminOidc.token("elsewhere", "admin-cli");
        given().auth().oauth2(foreign).get("/admin/orgs/" + name).then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"hub-admin\", error=\"invalid_token\""));
        String admin = AdminOidc.token(AdminOidc.ISSUER_ID, "admin-cli");
        String[] parts = admin.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        given().auth().oauth2(tampered).get("/admin/orgs/" + name).then().statusCode(401);
        // the API key fallback of the local stack still works next to OIDC
        AdminClient.admin().get("/admin/orgs/" + name).then().statusCode(200);
        // the gateway's JIT endpoint takes no admin credential at all
        given().contentType(ContentType.JSON).body(Map.of("org", name, "issuer", "x", "subject", "y"))
                .post("/internal/jit").then().statusCode(403);
    }
}
