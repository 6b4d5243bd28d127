package dev.hubsso.scim.org;

import static dev.hubsso.scim.support.ScimApi.as;
import static dev.hubsso.scim.support.ScimApi.createUser;
import static dev.hubsso.scim.support.ScimApi.userBody;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import dev.hubsso.scim.support.ScimApi;
import dev.hubsso.scim.support.TestOrgs;
import dev.hubsso.scim.support.TestOrgs.TestOrg;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bearer tokens per organization, from the org snapshots on hub.org-config.v1. */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class ScimAuthTest {

    @Test
    void missingOrUnknownTokenIs401WithChallengeAndScimBody() {
        TestOrg org = TestOrgs.create("auth");
        ScimApi.awaitOrg(org);
        String users = org.base() + "/Users";
        given().contentType(ScimApi.SCIM_JSON).body(userBody("nobody")).post(users)
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType(startsWith("application/scim+json"))
                .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:Error"))
                .body("status", equalTo("401"));
        as("not-a-token").get(users + "/" + UUID.randomUUID())
                .then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer")).body("status", equalTo("401"));
        given().header("Authorization", "Basic " + org.token()).get(users)
                .then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
        // the token of an org that does not exist at all is just as unknown
        as(org.token() + "x").get("/scim/v2/no-such-org/Users").then().statusCode(401);
    }

    @Test
    void aTokenOfAnotherOrgSeesNothing404WithoutHint() {
        TestOrg a = TestOrgs.create("orga");
        TestOrg b = TestOrgs.create("orgb");
        ScimApi.awaitOrg(a);
        ScimApi.awaitOrg(b);
        String id = createUser(a, userBody("shared.name")).path("id");
        // b's token on a's URL: 404 for every route, existing user or not
        as(b).get(a.base() + "/Users/" + id).then().statusCode(404)
                .contentType(startsWith("application/scim+json"))
                .body(not(containsString("shared.name")));
        as(b).get(a.base() + "/Users/" + UUID.randomUUID()).then().statusCode(404);
        as(b).queryParam("filter", "userName eq \"shared.name\"").get(a.base() + "/Users").then().statusCode(404);
        as(b).body("{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}")
                .patch(a.base() + "/Users/" + id).then().statusCode(404);
        as(b).delete(a.base() + "/Users/" + id).then().statusCode(404);
        as(b).body(userBody("intruder")).post(a.base() + "/Users").then().statusCode(404);
        as(b).get("/scim/v2/no-such-org/Users/" + id).then().statusCode(404);
        // b's own URL does not reach a's user either, and the same userName is free there
        as(b).get(b.base() + "/Users/" + id).then().statusCode(404);
        as(b).queryParam("filter", "userName eq \"shared.name\"").get(b.base() + "/Users")
                .then().statusCode(200).body("totalResults", equalTo(0));
        createUser(b, userBody("shared.name"));
        as(a).get(a.base() + "/Users/" + id).then().statusCode(200).body("active", equalTo(true));
    }

    @Test
    void aTokenRemovedFromTheOrgSnapshotStopsWorkingAndRotationKeepsTheNewOne() {
        TestOrg org = TestOrgs.create("rotate");
        ScimApi.awaitOrg(org);
        String next = "scim-next-" + UUID.randomUUID();
        // rollover: both tokens valid
        TestOrgs.publish(org.snapshot(2, List.of(org.tokenHash(), TestOrgs.hash("tok-next", next, null)), false));
        ScimApi.awaitStatus(next, org, 200);
        as(org).get(org.base() + "/Users").then().statusCode(200);
        // the old token is revoked: absent from the latest snapshot
        TestOrgs.publish(org.snapshot(3, List.of(TestOrgs.hash("tok-next", next, null)), false));
        ScimApi.awaitStatus(org.token(), org, 401);
        as(next).get(org.base() + "/Users").then().statusCode(200);
        // an older snapshot arriving late does not bring the revoked token back
        TestOrgs.publish(org.snapshot(2, List.of(org.tokenHash()), false));
        TestOrgs.publish(org.snapshot(4, List.of(TestOrgs.hash("tok-next", next, null)), false));
        ScimApi.awaitStatus(next, org, 200);
        as(org).get(org.base() + "/Users").then().statusCode(401);
    }

    @Test
    void expiredTokensAndDeletedOrgsAre401() {
        TestOrg org = TestOrgs.create("expiry");
        ScimApi.awaitOrg(org);
        String expired = "scim-expired-" + UUID.randomUUID();
        TestOrgs.publish(org.snapshot(2, List.of(org.tokenHash(),
                TestOrgs.hash("tok-old", expired, Instant.now().minusSeconds(1))), false));
        TestOrgs.publish(org.snapshot(3, List.of(org.tokenHash(),
                TestOrgs.hash("tok-old", expired, Instant.now().minusSeconds(1))), true));
        ScimApi.awaitStatus(org.token(), org, 401);
        as(expired).get(org.base() + "/Users").then().statusCode(401);
    }
}
