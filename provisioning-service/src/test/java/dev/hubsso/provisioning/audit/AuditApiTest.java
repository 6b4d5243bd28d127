package dev.hubsso.provisioning.audit;

import static dev.hubsso.provisioning.support.AdminClient.admin;
import static dev.hubsso.provisioning.support.AdminClient.unique;
import static dev.hubsso.provisioning.support.Jit.claims;
import static dev.hubsso.provisioning.support.Jit.login;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubsso.events.EventCodec;
import dev.hubsso.provisioning.support.AdminClient;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit log: what settings, token, JIT and role changes record, and how it is searched and exported. */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class AuditApiTest {

    @Test
    void recordsEveryChangeWithActorTargetBeforeAfterAndRequestIdAndPagesAndExportsIt() throws Exception {
        String org = "aud-" + unique(6);
        String code = unique(5);
        AdminClient.createOrg(org, code);
        Instant afterCreate = Instant.now();
        String issuer = "https://login." + code + ".example";
        admin().header("X-Request-Id", "req-settings-1")
                .body(Map.of("defaultRole", "contributor", "idp", Map.of("issuer", issuer, "clientId", "hub",
                        "clientSecretRef", "env:ACME_SECRET")))
                .patch("/admin/orgs/" + org).then().statusCode(200);
        String tokenId = admin().post("/admin/orgs/" + org + "/scim-tokens").then().statusCode(201).extract().path("id");
        String token = admin().get("/admin/orgs/" + org + "/scim-tokens").then().extract().path("items[0].id");
        assertEquals(tokenId, token);
        admin().delete("/admin/orgs/" + org + "/scim-tokens/" + tokenId).then().statusCode(204);
        login(org, issuer, "sub-a", null, false, claims("sub-a", "ada", null)).statusCode(200);

        String base = "/admin/orgs/" + org + "/audit";
        JsonPath all = admin().get(base).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("account.provisioned", "scim-token.revoked", "scim-token.issued", "org.settings-changed",
                "org.created"), all.getList("items.action"));
        assertNull(all.get("nextCursor"));

        admin().queryParam("action", "org.settings-changed").get(base).then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].actor", equalTo("admin:api-key"))
                .body("items[0].target", equalTo("org:" + org))
                .body("items[0].requestId", equalTo("req-settings-1"))
                .body("items[0].before.defaultRole", equalTo("read"))
                .body("items[0].before.idp", nullValue())
                .body("items[0].after.defaultRole", equalTo("contributor"))
                .body("items[0].after.idp.clientSecretRef", equalTo("env:ACME_SECRET"));
        admin().queryParam("target", "scim-token:" + tokenId).get(base).then()
                .body("items.action", equalTo(List.of("scim-token.revoked", "scim-token.issued")));
        admin().queryParam("actor", "idp:" + issuer + "#sub-a").get(base).then()
                .body("items.action", equalTo(List.of("account.provisioned")))
                .body("items[0].target", equalTo("user:ada-" + code))
                .body("items[0].after.orgRole", equalTo("contributor"));
        admin().queryParam("from", afterCreate.toString()).get(base).then()
                .body("items.action", not(hasItem("org.created")));
        admin().queryParam("to", afterCreate.toString()).get(base).then()
                .body("items.action", equalTo(List.of("org.created")));

        // cursor pagination walks every entry once, newest first
        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            var req = admin().queryParam("limit", 2);
            if (cursor != null) {
                req = req.queryParam("cursor", cursor);
            }
            JsonPath page = req.get(base).then().statusCode(200).extract().jsonPath();
            walked.addAll(page.getList("items.action"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(all.getList("items.action"), walked);

        String lines = admin().get(base + "/export").then().statusCode(200)
                .contentType("application/x-ndjson").extract().asString();
        List<String> exported = new ArrayList<>();
        for (String line : lines.split("\n")) {
            JsonNode entry = EventCodec.mapper().readTree(line);
            exported.add(entry.get("action").asText());
        }
        assertEquals(walked, exported);

        admin().queryParam("from", "yesterday").queryParam("limit", 0).get(base).then().statusCode(400)
                .body("errors.field", equalTo(List.of("from", "limit")));
        AdminClient.anonymous().get(base).then().statusCode(401);
    }

    private static org.hamcrest.Matcher<Object> not(org.hamcrest.Matcher<?> m) {
        @SuppressWarnings("unchecked")
        org.hamcrest.Matcher<Object> n = (org.hamcrest.Matcher<Object>) (org.hamcrest.Matcher<?>) org.hamcrest.Matchers.not(m);
        return n;
    }
}
