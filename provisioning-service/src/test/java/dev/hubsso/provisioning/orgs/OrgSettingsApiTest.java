package dev.hubsso.provisioning.orgs;

import static dev.hubsso.provisioning.support.AdminClient.admin;
import static dev.hubsso.provisioning.support.AdminClient.anonymous;
import static dev.hubsso.provisioning.support.AdminClient.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubsso.events.Topics;
import dev.hubsso.provisioning.support.AdminClient;
import dev.hubsso.provisioning.support.EventSchemas;
import dev.hubsso.provisioning.support.TopicProbe;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Changing an org's settings and resource groups over the admin API, real PostgreSQL and Kafka. */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class OrgSettingsApiTest {

    @Test
    void patchChangesEverySettingAndPublishesTheSnapshotWithASecretReferenceOnly() {
        String name = "set-" + unique(6);
        String code = unique(6);
        String orgId = AdminClient.createOrg(name, code);
        try (TopicProbe probe = TopicProbe.fromEnd(Topics.ORG_CONFIG)) {
            Map<String, Object> patch = Map.of(
                    "ssoMode", "basic",
                    "publicContentAllowed", true,
                    "allowedEmailDomains", List.of("Acme.example", "eu.acme.example"),
                    "sessionMaxAgeSeconds", 7200,
                    "defaultRole", "contributor",
                    "idp", Map.of("issuer", "https://login.acme.example/oauth2", "clientId", "hub-client",
                            "clientSecretRef", "vault:secret/hub/" + code + "#client_secret",
                            "claimPaths", Map.of("groups", "https://acme.example/claims/groups", "externalId", "oid")),
                    "roleMapping", List.of(
                            Map.of("attribute", "https://acme.example/claims/groups", "values", List.of("hub-admins"),
                                    "role", "admin"),
                            Map.of("attribute", "org.department", "values", List.of("research"), "role", "write")));
            admin().body(patch).patch("/admin/orgs/" + name).then().statusCode(200)
                    .body("ssoMode", equalTo("basic"))
                    .body("publicContentAllowed", equalTo(true))
                    .body("allowedEmailDomains", equalTo(List.of("acme.example", "eu.acme.example")))
                    .body("sessionMaxAgeSeconds", equalTo(7200))
                    .body("defaultRole", equalTo("contributor"))
                    .body("idp.issuer", equalTo("https://login.acme.example/oauth2"))
                    .body("idp.clientSecretRef", equalTo("vault:secret/hub/" + code + "#client_secret"))
                    .body("idp.scopes", equalTo(List.of("openid", "email", "profile")))
                    .body("idp.claimPaths.groups", equalTo("https://acme.example/claims/groups"))
                    .body("idp.claimPaths.username", equalTo("preferred_username"))
                    .body("roleMapping[1].role", equalTo("write"))
                    .body("version", equalTo(2));
            admin().get("/admin/orgs/" + name).then().statusCode(200).body("idp.clientId", equalTo("hub-client"))
                    .body("roleMapping.size()", equalTo(2));

            // the creation snapshot may be published after the probe started: wait for version 2
            TopicProbe.Rec snap = probe.awaitAtLeast(1, r -> orgId.equals(r.key())
                    && r.json().get("version").asInt() == 2).get(0);
            EventSchemas.assertValid(snap);
            JsonNode json = snap.json();
            assertEquals(2, json.get("version").asInt());
            assertEquals("BASIC", json.get("ssoMode").asText().toUpperCase());
            assertEquals(7200, json.get("sessionMaxAgeSeconds").asInt());
            assertEquals("contributor", json.get("defaultRole").asText());
            assertEquals("https://login.acme.example/oauth2", json.get("idp").get("issuer").asText());
            assertEquals("vault:secret/hub/" + code + "#client_secret", json.get("idp").get("clientSecretRef").asText());
        }
    }

    @Test
    void aPlaintextClientSecretIsRefusedAndAppearsNowhere() throws Exception {
        String name = "sec-" + unique(6);
        String orgId = AdminClient.createOrg(name, unique(6));
        String secret = "plaintext-" + unique(20);
        try (TopicProbe probe = TopicProbe.fromEnd(Topics.ORG_CONFIG)) {
            String body = admin().body(Map.of("idp", Map.of("issuer", "https://login.x.example", "clientId", "hub",
                    "clientSecret", secret))).patch("/admin/orgs/" + name).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("idp.clientSecret"))
                    .extract().asString();
            assertFalse(body.contains(secret), body);
            // a secret where the reference goes is refused too, and not echoed
            String body2 = admin().body(Map.of("idp", Map.of("issuer", "https://login.x.example", "clientId", "hub",
                    "clientSecretRef", secret + " x"))).patch("/admin/orgs/" + name).then().statusCode(400)
                    .body("errors.field", hasItem("idp.clientSecretRef")).extract().asString();
            assertFalse(body2.contains(secret), body2);
            admin().get("/admin/orgs/" + name).then().body("version", equalTo(1)).body(not(containsString(secret)));
            Thread.sleep(500);
            assertTrue(probe.matching(r -> (orgId.equals(r.key()) && r.json().get("version").asInt() > 1)
                    || r.value().contains(secret)).isEmpty());
        }
        Path log = Path.of("target/quarkus-test.log");
        assertTrue(Files.exists(log), "the test profile logs to " + log);
        assertFalse(Files.readString(log).contains(secret), "the secret reached the log");
    }

    @Test
    void invalidSettingsAreRejectedPerFieldAndChangeNothing() {
        String name = "inv-" + unique(6);
        AdminClient.createOrg(name, unique(6));
        admin().body(Map.of("sessionMaxAgeSeconds", 5, "defaultRole", "owner",
                "roleMapping", List.of(Map.of("attribute", "groups", "values", List.of("devs"), "role", "write"))))
                .patch("/admin/orgs/" + name).then().statusCode(400)
                .body("type", equalTo("urn:hub:problem:validation"))
                .body("errors.field", equalTo(List.of("sessionMaxAgeSeconds", "defaultRole", "roleMapping")));
        admin().get("/admin/orgs/" + name).then().body("version", equalTo(1)).body("defaultRole", equalTo("read"));
        admin().body(Map.of("defaultRole", "write")).patch("/admin/orgs/no-such-org-" + unique(4)).then().statusCode(404);
        anonymous().body(Map.of("defaultRole", "write")).patch("/admin/orgs/" + name).then().statusCode(401);
    }

    @Test
    void resourceGroupsAreCreatedReplacedAndDeletedEachPublishingANewVersion() {
        String name = "rg-" + unique(6);
        String orgId = AdminClient.createOrg(name, unique(6));
        try (TopicProbe probe = TopicProbe.fromEnd(Topics.ORG_CONFIG)) {
            String id = admin().body(Map.of("name", "research", "links",
                    List.of(Map.of("scimGroup", "ml", "role", "read"), Map.of("scimGroup", "ml-leads", "role", "admin"))))
                    .post("/admin/orgs/" + name + "/resource-groups").then().statusCode(201)
                    .body("name", equalTo("research")).body("links[1].role", equalTo("admin"))
                    .extract().path("id");
            admin().body(Map.of("name", "research")).post("/admin/orgs/" + name + "/resource-groups").then()
                    .statusCode(409);
            admin().body(Map.of("name", "Bad Name", "links", List.of(Map.of("scimGroup", "", "role", "owner"))))
                    .post("/admin/orgs/" + name + "/resource-groups").then().statusCode(400)
                    .body("errors.field", equalTo(List.of("name", "links[0].scimGroup", "links[0].role")));
            admin().body(Map.of("name", "research-2", "links", List.of(Map.of("scimGroup", "ml", "role", "write"))))
                    .put("/admin/orgs/" + name + "/resource-groups/" + id).then().statusCode(200)
                    .body("name", equalTo("research-2")).body("links.size()", equalTo(1));
            admin().get("/admin/orgs/" + name + "/resource-groups").then().statusCode(200)
                    .body("items.id", equalTo(List.of(id))).body("items[0].links[0].role", equalTo("write"));
            admin().delete("/admin/orgs/" + name + "/resource-groups/" + id).then().statusCode(204);
            admin().delete("/admin/orgs/" + name + "/resource-groups/" + id).then().statusCode(404);
            admin().get("/admin/orgs/" + name).then().body("version", equalTo(4));
            List<TopicProbe.Rec> snaps = probe.awaitAtLeast(3, r -> orgId.equals(r.key())
                    && r.json().get("version").asInt() > 1);
            assertEquals(List.of(2, 3, 4), snaps.stream().map(r -> r.json().get("version").asInt()).toList());
        }
    }
}
