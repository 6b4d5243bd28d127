package dev.hubsso.provisioning.tokens;

import static dev.hubsso.provisioning.support.AdminClient.admin;
import static dev.hubsso.provisioning.support.AdminClient.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubsso.events.Topics;
import dev.hubsso.provisioning.support.AdminClient;
import dev.hubsso.provisioning.support.EventSchemas;
import dev.hubsso.provisioning.support.TopicProbe;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SCIM tokens: shown once, published as hashes only, revocable; over real PostgreSQL and Kafka. */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class ScimTokenApiTest {

    @Test
    void issuedTokenReachesOrgConfigAsItsHashOnlyAndRevocationRemovesIt() throws Exception {
        String org = "tok-" + unique(6);
        try (TopicProbe probe = TopicProbe.fromEnd(Topics.ORG_CONFIG)) {
            String orgId = AdminClient.createOrg(org, unique(6));

            JsonPath issued = admin().post("/admin/orgs/" + org + "/scim-tokens").then()
                    .statusCode(201)
                    .body("id", matchesPattern("[0-9a-f-]{36}"))
                    .body("token", matchesPattern("scim_[A-Za-z0-9_-]{43}"))
                    .body("createdAt", matchesPattern("\\d{4}-.*Z"))
                    .extract().jsonPath();
            String tokenId = issued.getString("id");
            String token = issued.getString("token");
            assertEquals(32, Base64.getUrlDecoder().decode(token.substring("scim_".length())).length);

            List<TopicProbe.Rec> snapshots = probe.awaitAtLeast(2, r -> orgId.equals(r.key()));
            snapshots.forEach(EventSchemas::assertValid);
            JsonNode withToken = snapshots.get(1).json();
            assertEquals(2, withToken.get("version").asLong());
            assertEquals(1, withToken.get("scimTokens").size());
            JsonNode hash = withToken.get("scimTokens").get(0);
            assertEquals(tokenId, hash.get("tokenId").asText());
            assertEquals(sha256Hex(token), hash.get("sha256").asText());
            assertEquals(issued.getString("createdAt"), hash.get("createdAt").asText());

            // a second token, then revoke the first: the snapshot keeps only the second
            String second = admin().post("/admin/orgs/" + org + "/scim-tokens").then().statusCode(201)
                    .extract().path("token");
            String listed = admin().get("/admin/orgs/" + org + "/scim-tokens").then().statusCode(200)
                    .body("items", hasSize(2))
                    .body("items[0].id", equalTo(tokenId))
                    .extract().asString();
            for (String secret : List.of(token, second, sha256Hex(token), sha256Hex(second))) {
                assertFalse(listed.contains(secret), "token list shows more than metadata: " + listed);
            }
            admin().delete("/admin/orgs/" + org + "/scim-tokens/" + tokenId).then().statusCode(204);

            List<TopicProbe.Rec> all = probe.awaitAtLeast(4, r -> orgId.equals(r.key()));
            all.forEach(EventSchemas::assertValid);
            JsonNode afterRevoke = all.get(3).json();
            assertEquals(4, afterRevoke.get("version").asLong());
            assertEquals(1, afterRevoke.get("scimTokens").size());
            assertEquals(sha256Hex(second), afterRevoke.get("scimTokens").get(0).get("sha256").asText());
            assertNotEquals(tokenId, afterRevoke.get("scimTokens").get(0).get("tokenId").asText());
            assertEquals(List.of(1L, 2L, 3L, 4L), versions(all));

            // the secrets appear in no record: neither value nor header
            for (TopicProbe.Rec r : probe.records()) {
                for (String secret : List.of(token, second, token.substring(5), second.substring(5))) {
                    assertFalse(r.value().contains(secret), "plaintext token in " + r);
                    assertFalse(r.headers().toString().contains(secret), "plaintext token in headers of " + r);
                }
            }

            admin().get("/admin/orgs/" + org + "/scim-tokens").then().statusCode(200)
                    .body("items.id", equalTo(List.of(all.get(3).json().get("scimTokens").get(0).get("tokenId").asText())));
            admin().get("/admin/orgs/" + org).then().body("version", equalTo(4));
        }
    }

    @Test
    void revokingAnUnknownOrAlreadyRevokedTokenIs404AndPublishesNothing() {
        String org = "rev-" + unique(6);
        try (TopicProbe probe = TopicProbe.fromEnd(Topics.ORG_CONFIG)) {
            String orgId = AdminClient.createOrg(org, unique(6));
            String tokenId = admin().post("/admin/orgs/" + org + "/scim-tokens").then().statusCode(201).extract().path("id");
            admin().delete("/admin/orgs/" + org + "/scim-tokens/" + tokenId).then().statusCode(204);

            admin().delete("/admin/orgs/" + org + "/scim-tokens/" + tokenId).then().statusCode(404)
                    .contentType("application/problem+json");
            admin().delete("/admin/orgs/" + org + "/scim-tokens/not-a-uuid").then().statusCode(404);
            admin().delete("/admin/orgs/" + org + "/scim-tokens/" + java.util.UUID.randomUUID()).then().statusCode(404);
            admin().get("/admin/orgs/" + org).then().body("version", equalTo(3));
            // a marker change proves the failed requests published nothing before it
            admin().post("/admin/orgs/" + org + "/scim-tokens").then().statusCode(201);
            List<TopicProbe.Rec> snapshots = probe.awaitAtLeast(4, r -> orgId.equals(r.key()));
            assertEquals(List.of(1L, 2L, 3L, 4L), versions(snapshots));
            assertEquals(0, snapshots.get(2).json().get("scimTokens").size(), "revoked token left the snapshot");
        }
        admin().post("/admin/orgs/no-such-org-" + unique(6) + "/scim-tokens").then().statusCode(404);
        admin().get("/admin/orgs/no-such-org-" + unique(6) + "/scim-tokens").then().statusCode(404);
    }

    @Test
    void rotationIssuesANewTokenAndLetsTheOldOneExpireAfterTheGracePeriod() throws Exception {
        String org = "rot-" + unique(6);
        try (TopicProbe probe = TopicProbe.fromEnd(Topics.ORG_CONFIG)) {
            String orgId = AdminClient.createOrg(org, unique(6));
            JsonPath first = admin().post("/admin/orgs/" + org + "/scim-tokens").then().statusCode(201).extract().jsonPath();
            String oldId = first.getString("id");

            java.time.Instant before = java.time.Instant.now();
            JsonPath rotated = admin().queryParam("gracePeriodSeconds", 3600)
                    .post("/admin/orgs/" + org + "/scim-tokens/" + oldId + "/rotate").then().statusCode(201)
                    .body("token", matchesPattern("scim_[A-Za-z0-9_-]{43}"))
                    .extract().jsonPath();
            assertNotEquals(oldId, rotated.getString("id"));

            // both work during the grace period; the old one now carries its expiry
            List<TopicProbe.Rec> snapshots = probe.awaitAtLeast(3, r -> orgId.equals(r.key()));
            snapshots.forEach(EventSchemas::assertValid);
            JsonNode during = snapshots.get(2).json();
            assertEquals(2, during.get("scimTokens").size());
            JsonNode old = during.get("scimTokens").get(0);
            assertEquals(oldId, old.get("tokenId").asText());
            java.time.Instant expires = java.time.Instant.parse(old.get("expiresAt").asText());
            assertTrue(!expires.isBefore(before.plusSeconds(3600)) && expires.isBefore(before.plusSeconds(3700)), "" + expires);
            assertEquals(sha256Hex(rotated.getString("token")), during.get("scimTokens").get(1).get("sha256").asText());
            assertFalse(during.get("scimTokens").get(1).has("expiresAt"), "the new token does not expire");

            // a rotation without grace retires the (new) old token at once
            admin().queryParam("gracePeriodSeconds", 0)
                    .post("/admin/orgs/" + org + "/scim-tokens/" + rotated.getString("id") + "/rotate").then().statusCode(201);
            JsonNode after = probe.awaitAtLeast(4, r -> orgId.equals(r.key())).get(3).json();
            assertEquals(2, after.get("scimTokens").size(), "first token (in its grace period) and the newest");
            assertFalse(after.get("scimTokens").toString().contains(rotated.getString("id")));

            admin().queryParam("gracePeriodSeconds", 8 * 86400)
                    .post("/admin/orgs/" + org + "/scim-tokens/" + oldId + "/rotate").then().statusCode(400)
                    .contentType("application/problem+json");
            admin().post("/admin/orgs/" + org + "/scim-tokens/" + java.util.UUID.randomUUID() + "/rotate").then()
                    .statusCode(404);
        }
    }

    private static List<Long> versions(List<TopicProbe.Rec> recs) {
        List<Long> v = new ArrayList<>();
        recs.forEach(r -> v.add(r.json().get("version").asLong()));
        return v;
    }

    private static String sha256Hex(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
