package dev.hubsso.scim.ratelimit;

import static dev.hubsso.scim.support.ScimApi.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.scim.support.ScimApi;
import dev.hubsso.scim.support.TestOrgs;
import dev.hubsso.scim.support.TestOrgs.TestOrg;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Rate limiting per SCIM token, with a limit small enough to hit (2 requests/s, burst 6). */
@QuarkusTest
@TestProfile(RateLimitTest.SmallLimit.class)
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class RateLimitTest {

    private static final int RATE = 2;
    private static final int BURST = 6;

    /** A limit a test can exceed in a few requests. */
    public static class SmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hub.scim.rate-limit.requests-per-second", String.valueOf(RATE),
                    "hub.scim.rate-limit.burst", String.valueOf(BURST));
        }
    }

    private static Response list(String token, TestOrg org) {
        return as(token).queryParam("filter", "userName eq \"nobody\"").get(org.base() + "/Users");
    }

    /** Requests until the first 429 (at most 50); the number of 200s before it. */
    private static int untilLimited(String token, TestOrg org, Response[] limited) {
        for (int ok = 0; ok < 50; ok++) {
            Response r = list(token, org);
            if (r.statusCode() == 429) {
                limited[0] = r;
                return ok;
            }
            assertEquals(200, r.statusCode(), r.asString());
        }
        return 50;
    }

    private static long retryAfter(Response r) {
        String header = r.header("Retry-After");
        assertNotNull(header, "429 without Retry-After");
        assertTrue(header.matches("[1-9][0-9]*"), "Retry-After is whole seconds, at least 1: " + header);
        return Long.parseLong(header);
    }

    @Test
    void aTokenOverItsLimitGets429WithRetryAfterWhileOtherTokensGoOn() throws Exception {
        TestOrg org = TestOrgs.create("rl");
        String second = "scim-" + UUID.randomUUID();
        TestOrgs.publish(org.snapshot(2, List.of(org.tokenHash(), TestOrgs.hash("tok-second", second, null)), false));
        TestOrg other = TestOrgs.create("rl-other");
        ScimApi.awaitStatus(second, org, 200);
        ScimApi.awaitOrg(org);
        ScimApi.awaitOrg(other);

        long start = System.nanoTime();
        Response[] limited = {null};
        int ok = untilLimited(org.token(), org, limited);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertNotNull(limited[0], "never limited after 50 requests");
        assertTrue(ok <= BURST + RATE * seconds + 1, ok + " requests admitted in " + seconds + " s");
        limited[0].then().statusCode(429)
                .contentType(startsWith("application/scim+json"))
                .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:Error"))
                .body("status", equalTo("429"));
        long wait = retryAfter(limited[0]);
        assertTrue(wait <= 1, "one request at 2/s is never more than a second away: " + wait);

        // another token of the same organization, and another organization, are not affected
        assertEquals(200, list(second, org).statusCode());
        assertEquals(200, list(other.token(), other).statusCode());
        // nor are the limited token's failed authentications elsewhere: a bad token is 401, never 429
        for (int i = 0; i < BURST * 2; i++) {
            assertEquals(401, list("not-a-token", org).statusCode());
        }

        Thread.sleep(wait * 1000);
        assertEquals(200, list(org.token(), org).statusCode(), "the token works again after Retry-After");
    }

    @Test
    void eachBulkOperationCountsAsARequest() throws Exception {
        TestOrg org = TestOrgs.create("rl-bulk");
        ScimApi.awaitOrg(org);
        Thread.sleep(1000L * BURST / RATE + 500); // the bucket is full again

        // ten operations, more than the burst: admitted on a full bucket, which is then four in debt
        List<String> ops = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ops.add("{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"u" + i + "\",\"data\":{\"userName\":\"rl-"
                    + UUID.randomUUID().toString().substring(0, 8) + "\"}}");
        }
        String bulk = "{\"Operations\":[" + String.join(",", ops) + "]}";
        as(org).body(bulk).post(org.base() + "/Bulk").then().statusCode(200).body("Operations.size()", equalTo(10));

        Response next = list(org.token(), org);
        assertEquals(429, next.statusCode(), "a bulk of ten costs ten requests");
        long wait = retryAfter(next);
        assertTrue(wait >= 2, "4 owed + 1 needed at 2/s: at least 2 s, was " + wait);

        // a bulk on a bucket that is not full is refused as a whole, before any operation runs
        Thread.sleep(wait * 1000);
        String name = "rl-refused-" + UUID.randomUUID().toString().substring(0, 8);
        Response refused = as(org).body("{\"Operations\":[{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"r\","
                + "\"data\":{\"userName\":\"" + name + "\"}}," + String.join(",", ops.subList(1, 8)) + "]}")
                .post(org.base() + "/Bulk");
        assertEquals(429, refused.statusCode(), refused.asString());
        Thread.sleep(retryAfter(refused) * 1000);
        as(org).queryParam("filter", "userName eq \"" + name + "\"").get(org.base() + "/Users")
                .then().statusCode(200).body("totalResults", equalTo(0));
    }

    @Test
    void unauthenticatedRequestsAreAnsweredAsWithoutLimiting() {
        for (int i = 0; i < BURST * 2; i++) {
            given().get("/scim/v2/nowhere/Users").then().statusCode(401);
        }
    }
}
