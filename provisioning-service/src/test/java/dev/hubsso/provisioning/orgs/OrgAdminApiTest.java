package dev.hubsso.provisioning.orgs;

import static dev.hubsso.provisioning.support.AdminClient.admin;
import static dev.hubsso.provisioning.support.AdminClient.anonymous;
import static dev.hubsso.provisioning.support.AdminClient.orgBody;
import static dev.hubsso.provisioning.support.AdminClient.unique;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.events.Topics;
import dev.hubsso.provisioning.support.AdminClient;
import dev.hubsso.provisioning.support.EventSchemas;
import dev.hubsso.provisioning.support.TopicProbe;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The organization admin API over real PostgreSQL and Kafka. */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class OrgAdminApiTest {

    @Test
    void createsAnOrgReadsItBackAndListsIt() {
        String name = "acme-" + unique(6);
        String code = unique(6);
        Map<String, Object> body = new HashMap<>(orgBody(name, code));
        body.put("ssoMode", "basic");
        body.put("publicContentAllowed", true);
        body.put("allowedEmailDomains", List.of("Acme.COM", "acme.com", "eu.acme.com"));
        body.put("sessionMaxAgeSeconds", 3600);
        body.put("defaultRole", "contributor");

        String id = admin().body(body).post("/admin/orgs").then()
                .statusCode(201)
                .header("Location", endsWith("/admin/orgs/" + name))
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("name", equalTo(name))
                .body("shortCode", equalTo(code))
                .body("ssoMode", equalTo("basic"))
                .body("publicContentAllowed", equalTo(true))
                .body("allowedEmailDomains", equalTo(List.of("acme.com", "eu.acme.com")))
                .body("sessionMaxAgeSeconds", equalTo(3600))
                .body("defaultRole", equalTo("contributor"))
                .body("version", equalTo(1))
                .extract().path("id");

        admin().get("/admin/orgs/" + name).then().statusCode(200)
                .body("id", equalTo(id))
                .body("ssoMode", equalTo("basic"))
                .body("allowedEmailDomains", equalTo(List.of("acme.com", "eu.acme.com")))
                .body("defaultRole", equalTo("contributor"));
        admin().get("/admin/orgs").then().statusCode(200).body("items.name", hasItem(name));
    }

    @Test
    void appliesDefaultsForOptionalSettings() {
        String name = "dflt-" + unique(6);
        admin().body(orgBody(name, unique(6))).post("/admin/orgs").then().statusCode(201)
                .body("sessionMaxAgeSeconds", equalTo(7 * 24 * 3600))
                .body("defaultRole", equalTo("read"))
                .body("ssoMode", equalTo("managed"));
    }

    @Test
    void publishesTheFirstSnapshotOfANewOrg() {
        try (TopicProbe probe = TopicProbe.fromEnd(Topics.ORG_CONFIG)) {
            String name = "snap-" + unique(6);
            String code = unique(6);
            String id = AdminClient.createOrg(name, code);
            TopicProbe.Rec rec = probe.awaitAtLeast(1, r -> id.equals(r.key())).get(0);
            EventSchemas.assertValid(rec);
            assertEquals("hub.org.config", rec.ceType());
            assertEquals(name, rec.json().get("name").asText());
            assertEquals(code, rec.json().get("shortCode").asText());
            assertEquals("MANAGED", rec.json().get("ssoMode").asText());
            assertEquals(1, rec.json().get("version").asLong());
            assertEquals(0, rec.json().get("scimTokens").size());
            assertEquals(id + "@1", rec.headers().get("ce_id"));
        }
    }

    @Test
    void rejectsInvalidFieldsWithOneErrorPerField() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Not A Slug");
        body.put("shortCode", "TOOLONGCODE1");
        body.put("ssoMode", "federated");
        body.put("allowedEmailDomains", List.of("ok.example.com", "not a domain"));
        body.put("sessionMaxAgeSeconds", 5);
        body.put("defaultRole", "owner");

        admin().body(body).post("/admin/orgs").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", equalTo("urn:hub:problem:validation"))
                .body("errors.field", containsInAnyOrder("name", "shortCode", "ssoMode", "publicContentAllowed",
                        "allowedEmailDomains[1]", "sessionMaxAgeSeconds", "defaultRole"));
    }

    @Test
    void rejectsEachNameRule() {
        for (String bad : List.of("a", "-acme", "acme-", "ac--me", "12345", "acme_corp", "x".repeat(43))) {
            admin().body(orgBody(bad, unique(6))).post("/admin/orgs").then()
                    .statusCode(400).body("errors.field", equalTo(List.of("name")));
        }
        admin().body("not json").post("/admin/orgs").then().statusCode(400).contentType("application/problem+json");
        admin().body("").post("/admin/orgs").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void refusesADuplicateNameOrShortCodeWith409() {
        String name = "dup-" + unique(6);
        String code = unique(6);
        AdminClient.createOrg(name, code);

        admin().body(orgBody(name, unique(6))).post("/admin/orgs").then()
                .statusCode(409).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("name")));
        admin().body(orgBody("other-" + unique(6), code)).post("/admin/orgs").then()
                .statusCode(409).body("errors.field", equalTo(List.of("shortCode")));
        admin().body(orgBody(name, code)).post("/admin/orgs").then()
                .statusCode(409).body("errors.field", containsInAnyOrder("name", "shortCode"));
        admin().get("/admin/orgs").then().body("items.findAll { it.name == '" + name + "' }.size()", equalTo(1));
    }

    @Test
    void answers404ForAnUnknownOrg() {
        admin().get("/admin/orgs/no-such-org-" + unique(6)).then()
                .statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void refusesRequestsWithoutTheAdminKey() {
        String name = "anon-" + unique(6);
        for (var request : List.of(
                anonymous().body(orgBody(name, unique(6))).post("/admin/orgs"),
                anonymous().get("/admin/orgs"),
                anonymous().get("/admin/orgs/" + name),
                anonymous().post("/admin/orgs/" + name + "/scim-tokens"),
                anonymous().get("/admin/orgs/" + name + "/users/someone"))) {
            request.then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", equalTo("Bearer realm=\"hub-admin\""))
                    .body("status", equalTo(401));
        }
        anonymous().auth().oauth2("wrong-key").get("/admin/orgs").then().statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
        anonymous().auth().oauth2(AdminClient.API_KEY + "x").get("/admin/orgs").then().statusCode(401);
        anonymous().header("Authorization", "Basic " + AdminClient.API_KEY).get("/admin/orgs").then().statusCode(401);
        // the refused create left nothing behind
        admin().get("/admin/orgs/" + name).then().statusCode(404);
    }

    @Test
    void leavesHealthAndOpenApiOpenAndDocumentsTheAdminApi() {
        anonymous().get("/q/health/ready").then().statusCode(200);
        String doc = anonymous().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertTrue(doc.contains("/admin/orgs/{name}/scim-tokens"), doc);
        assertTrue(doc.contains("adminBearer"), doc);
        anonymous().get("/q/openapi?format=json").then()
                .body("paths.'/admin/orgs'.post.summary", not(nullValue()))
                .body("components.securitySchemes.adminBearer.scheme", equalTo("bearer"))
                .body("paths.keySet()", hasItems("/admin/orgs", "/admin/orgs/{name}", "/admin/orgs/{name}/users/{username}"));
    }
}
