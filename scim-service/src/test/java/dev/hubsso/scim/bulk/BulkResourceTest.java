package dev.hubsso.scim.bulk;

import static dev.hubsso.scim.support.ScimApi.as;
import static dev.hubsso.scim.support.ScimApi.createUser;
import static dev.hubsso.scim.support.ScimApi.userBody;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.events.EventCodec;
import dev.hubsso.events.ScimChange.Change;
import dev.hubsso.events.ScimGroupChanged;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.scim.support.ScimApi;
import dev.hubsso.scim.support.ScimChanges;
import dev.hubsso.scim.support.TestOrgs;
import dev.hubsso.scim.support.TestOrgs.TestOrg;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /Bulk} over the real database and broker, as a migration tool or an admin script sends it. */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class BulkResourceTest {

    private static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static TestOrg org;

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void org() {
        if (org == null) {
            org = TestOrgs.create("bulk");
            ScimApi.awaitOrg(org);
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String bulk(String failOnErrors, String... operations) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"]"
                + (failOnErrors == null ? "" : ",\"failOnErrors\":" + failOnErrors)
                + ",\"Operations\":[" + String.join(",", operations) + "]}";
    }

    private static String postUser(String bulkId, String userName, String extra) {
        return "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"" + bulkId + "\",\"data\":{\"schemas\":"
                + "[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName + "\"" + extra + "}}";
    }

    private static String manager(String value) {
        return ",\"" + ENTERPRISE + "\":{\"manager\":{\"value\":\"" + value + "\"}}";
    }

    private static String postGroup(String bulkId, String displayName, String... memberValues) {
        List<String> members = new ArrayList<>();
        for (String v : memberValues) {
            members.add("{\"value\":\"" + v + "\"}");
        }
        return "{\"method\":\"POST\",\"path\":\"/Groups\",\"bulkId\":\"" + bulkId + "\",\"data\":{\"displayName\":\""
                + displayName + "\",\"members\":[" + String.join(",", members) + "]}}";
    }

    private static JsonPath send(TestOrg as, String body) {
        return as(as).body(body).post(as.base() + "/Bulk")
                .then().statusCode(200)
                .contentType(startsWith("application/scim+json"))
                .body("schemas", equalTo(List.of("urn:ietf:params:scim:api:messages:2.0:BulkResponse")))
                .extract().jsonPath();
    }

    private static int usersNamed(String userName) {
        return as(org).queryParam("filter", "userName eq \"" + userName + "\"").get(org.base() + "/Users")
                .then().statusCode(200).extract().path("totalResults");
    }

    @Test
    void createsUsersAndAGroupOfThemByBulkIdEachWithItsEvent() {
        String ada = unique("ada"), bob = unique("bob"), cy = unique("cy"), team = unique("Team");
        JsonPath r = send(org, bulk(null,
                postUser("ada", ada, ""),
                postUser("bob", bob, ""),
                postGroup("team", team, "bulkId:ada", "bulkId:bob"),
                postUser("cy", cy, manager("bulkId:ada"))));
        assertEquals(4, r.getList("Operations").size());
        for (int i = 0; i < 4; i++) {
            assertEquals("POST", r.getString("Operations[" + i + "].method"));
            assertEquals("201", r.getString("Operations[" + i + "].status"));
            assertEquals("W/\"1\"", r.getString("Operations[" + i + "].version"));
        }
        assertEquals(List.of("ada", "bob", "team", "cy"), r.getList("Operations.bulkId"));
        String adaLocation = r.getString("Operations[0].location");
        assertTrue(adaLocation.startsWith("http") && adaLocation.contains(org.base() + "/Users/"), adaLocation);
        String adaId = adaLocation.substring(adaLocation.lastIndexOf('/') + 1);
        String bobId = last(r.getString("Operations[1].location"));
        String teamId = last(r.getString("Operations[2].location"));
        assertTrue(r.getString("Operations[2].location").contains(org.base() + "/Groups/"));
        String cyId = last(r.getString("Operations[3].location"));

        as(org).get(adaLocation).then().statusCode(200).body("userName", equalTo(ada));
        as(org).get(org.base() + "/Groups/" + teamId).then().statusCode(200)
                .body("displayName", equalTo(team))
                .body("members.value", containsInAnyOrder(adaId, bobId));
        as(org).get(org.base() + "/Users/" + cyId).then().statusCode(200)
                .body("'" + ENTERPRISE + "'.manager.value", equalTo(adaId));

        List<ConsumerRecord<String, String>> adaEvents = ScimChanges.awaitRecords(adaId, 1);
        assertEquals(1, adaEvents.size());
        ScimUserChanged created = EventCodec.decode(adaEvents.get(0).value(), ScimUserChanged.class);
        assertEquals(Change.CREATED, created.change());
        assertEquals(ada, created.user().userName());
        assertEquals("scim-token:" + org.tokenId(), created.actor());
        List<ConsumerRecord<String, String>> teamEvents = ScimChanges.awaitRecords(teamId, 1);
        assertEquals(1, teamEvents.size());
        ScimGroupChanged group = EventCodec.decode(teamEvents.get(0).value(), ScimGroupChanged.class);
        assertEquals(Change.CREATED, group.change());
        assertEquals(org.orgId(), group.orgId());
        assertEquals(List.of(adaId, bobId).stream().sorted().toList(), group.memberIds().stream().sorted().toList());
    }

    @Test
    void aPostRunsBeforeAnEarlierOperationThatReferencesIt() {
        String name = unique("late"), team = unique("Early");
        JsonPath r = send(org, bulk(null, postGroup("g", team, "bulkId:late"), postUser("late", name, "")));
        // listed in request order, whatever the order they ran in
        assertEquals(List.of("g", "late"), r.getList("Operations.bulkId"));
        assertEquals(List.of("201", "201"), r.getList("Operations.status"));
        String userId = last(r.getString("Operations[1].location"));
        as(org).get(r.getString("Operations[0].location")).then().body("members.value", equalTo(List.of(userId)));
    }

    @Test
    void patchesPutsAndDeletesInBulkWithVersionsCheckedLikeIfMatch() {
        String name = unique("pd");
        String userId = createUser(org, userBody(name)).path("id");
        String groupId = as(org).body("{\"displayName\":\"" + unique("PD") + "\"}").post(org.base() + "/Groups")
                .then().statusCode(201).extract().path("id");
        String user = "/Users/" + userId, group = "/Groups/" + groupId;
        JsonPath r = send(org, bulk(null,
                "{\"method\":\"PATCH\",\"path\":\"" + user + "\",\"version\":\"W/\\\"1\\\"\",\"data\":{\"schemas\":"
                        + "[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"Replace\","
                        + "\"path\":\"active\",\"value\":\"False\"}]}}",
                "{\"method\":\"PATCH\",\"path\":\"" + group + "\",\"data\":{\"Operations\":[{\"op\":\"add\","
                        + "\"path\":\"members\",\"value\":[{\"value\":\"" + userId + "\"}]}]}}",
                // stale version: 412, nothing changes
                "{\"method\":\"PUT\",\"path\":\"" + user + "\",\"version\":\"W/\\\"1\\\"\",\"data\":{\"userName\":\""
                        + name + "\",\"displayName\":\"Stale\"}}",
                "{\"method\":\"PUT\",\"path\":\"" + user + "\",\"data\":{\"userName\":\"" + name + "\","
                        + "\"displayName\":\"Put In Bulk\"}}",
                "{\"method\":\"DELETE\",\"path\":\"" + group + "\",\"version\":\"W/\\\"2\\\"\"}"));
        assertEquals(List.of("PATCH", "PATCH", "PUT", "PUT", "DELETE"), r.getList("Operations.method"));
        assertEquals(List.of("200", "200", "412", "200", "204"), r.getList("Operations.status"));
        assertEquals("W/\"2\"", r.getString("Operations[0].version"));
        assertEquals("W/\"2\"", r.getString("Operations[1].version"));
        assertEquals("412", r.getString("Operations[2].response.status"));
        assertEquals(List.of(ERROR), r.getList("Operations[2].response.schemas"));
        assertTrue(r.getString("Operations[2].location").endsWith(org.base() + user), "a failed PUT keeps its location");
        assertEquals("W/\"3\"", r.getString("Operations[3].version"));
        assertNull(r.get("Operations[4].version"));
        assertTrue(r.getString("Operations[4].location").endsWith(org.base() + group));

        as(org).get(org.base() + user).then().statusCode(200)
                .body("active", equalTo(false))
                .body("displayName", equalTo("Put In Bulk"))
                .body("active", equalTo(false));
        as(org).get(org.base() + group).then().statusCode(404);

        List<ScimUserChanged> userEvents = ScimChanges.awaitRecords(userId, 3).stream()
                .map(e -> EventCodec.decode(e.value(), ScimUserChanged.class)).toList();
        assertEquals(List.of(Change.CREATED, Change.UPDATED, Change.UPDATED), userEvents.stream().map(ScimUserChanged::change).toList());
        assertEquals(List.of("active"), userEvents.get(1).changedAttributes());
        List<ScimGroupChanged> groupEvents = ScimChanges.awaitRecords(groupId, 3).stream()
                .map(e -> EventCodec.decode(e.value(), ScimGroupChanged.class)).toList();
        assertEquals(List.of(Change.CREATED, Change.UPDATED, Change.DELETED), groupEvents.stream().map(ScimGroupChanged::change).toList());
        assertEquals(List.of(userId), groupEvents.get(1).memberIds());
    }

    @Test
    void failuresDoNotStopTheOthersUnlessFailOnErrorsSaysSo() {
        String taken = unique("taken");
        createUser(org, userBody(taken));
        String after = unique("after");
        JsonPath all = send(org, bulk(null, postUser("dup", taken, ""), postUser("after", after, "")));
        assertEquals(List.of("409", "201"), all.getList("Operations.status"));
        assertEquals("uniqueness", all.getString("Operations[0].response.scimType"));
        assertNull(all.get("Operations[0].location"), "a failed POST has no location");
        assertEquals("dup", all.getString("Operations[0].bulkId"));

        String never = unique("never");
        JsonPath stopped = send(org, bulk("1", postUser("dup", taken, ""), postUser("never", never, ""),
                "{\"method\":\"DELETE\",\"path\":\"/Users/" + UUID.randomUUID() + "\"}"));
        assertEquals(1, stopped.getList("Operations").size(), "operations after the first failure neither run nor listed");
        assertEquals("409", stopped.getString("Operations[0].status"));
        assertEquals(0, usersNamed(never));

        String two = unique("two");
        JsonPath second = send(org, bulk("2", postUser("dup", taken, ""), postUser("two", two, ""),
                "{\"method\":\"DELETE\",\"path\":\"/Users/" + UUID.randomUUID() + "\"}", postUser("no", unique("no"), "")));
        assertEquals(List.of("409", "201", "404"), second.getList("Operations.status"));
        assertEquals(1, usersNamed(two));
    }

    @Test
    void unresolvableReferencesFailOnlyTheirOwnOperation() {
        String ok = unique("ok");
        JsonPath r = send(org, bulk(null,
                postUser("ok", ok, ""),
                postGroup("unknown", unique("Unknown"), "bulkId:ok", "bulkId:nobody"),
                postUser("bad", "", ""), // an empty userName: 400, so bulkId:bad never exists
                postGroup("failed", unique("Failed"), "bulkId:bad"),
                "{\"method\":\"PATCH\",\"path\":\"/Users/bulkId:bad\",\"data\":{\"Operations\":[{\"op\":\"replace\","
                        + "\"path\":\"active\",\"value\":false}]}}",
                postGroup("fine", unique("Fine"), "bulkId:ok")));
        assertEquals(List.of("201", "400", "400", "409", "409", "201"), r.getList("Operations.status"));
        assertEquals("invalidValue", r.getString("Operations[1].response.scimType"));
        assertTrue(r.getString("Operations[1].response.detail").contains("bulkId:nobody"));
        assertTrue(r.getString("Operations[3].response.detail").contains("bulkId:bad"));
        assertNull(r.get("Operations[4].location"), "no location for a resource that was never created");
        assertEquals(1, usersNamed(ok));
    }

    @Test
    void circularReferencesAre409AndTheRestRuns() {
        String a = unique("circ-a"), b = unique("circ-b"), free = unique("free");
        JsonPath r = send(org, bulk(null,
                postUser("a", a, manager("bulkId:b")),
                postUser("b", b, manager("bulkId:a")),
                postUser("free", free, manager("bulkId:a")),
                postUser("alone", unique("alone"), "")));
        assertEquals(List.of("409", "409", "409", "201"), r.getList("Operations.status"));
        assertTrue(r.getString("Operations[0].response.detail").contains("circular"), r.getString("Operations[0].response.detail"));
        assertTrue(r.getString("Operations[2].response.detail").contains("bulkId:a"));
        assertEquals(0, usersNamed(a));
        assertEquals(0, usersNamed(b));
    }

    @Test
    void anotherOrganizationsResourcesAre404InsideTheOperation() {
        TestOrg other = TestOrgs.create("bulk-other");
        ScimApi.awaitOrg(other);
        String theirUser = createUser(other, userBody(unique("theirs"))).path("id");
        String theirGroup = as(other).body("{\"displayName\":\"Theirs\"}").post(other.base() + "/Groups")
                .then().statusCode(201).extract().path("id");
        JsonPath r = send(org, bulk(null,
                "{\"method\":\"PATCH\",\"path\":\"/Users/" + theirUser + "\",\"data\":{\"Operations\":[{\"op\":\"replace\","
                        + "\"path\":\"active\",\"value\":false}]}}",
                "{\"method\":\"DELETE\",\"path\":\"/Groups/" + theirGroup + "\"}",
                "{\"method\":\"DELETE\",\"path\":\"/Users/not-a-uuid\"}",
                postGroup("mine", unique("Mine"), theirUser)));
        assertEquals(List.of("404", "404", "404", "400"), r.getList("Operations.status"));
        assertEquals("invalidValue", r.getString("Operations[3].response.scimType"));
        as(other).get(other.base() + "/Users/" + theirUser).then().statusCode(200).body("active", equalTo(true));
        as(other).get(other.base() + "/Groups/" + theirGroup).then().statusCode(200);
    }

    @Test
    void malformedRequestsAre400AndRunNothing() {
        String name = unique("first");
        String first = postUser("first", name, "");
        as(org).body("{\"Operations\":[").post(org.base() + "/Bulk")
                .then().statusCode(400).contentType(startsWith("application/scim+json"))
                .body("schemas", hasItem(ERROR)).body("status", equalTo("400")).body("scimType", equalTo("invalidSyntax"));
        as(org).body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"]}").post(org.base() + "/Bulk")
                .then().statusCode(400).body("scimType", equalTo("invalidSyntax"));
        as(org).body(bulk(null, first, "{\"method\":\"GET\",\"path\":\"/Users\"}")).post(org.base() + "/Bulk")
                .then().statusCode(400).body("scimType", equalTo("invalidValue"))
                .body("detail", containsString("Operations[1]"));
        as(org).body(bulk(null, first, "{\"method\":\"DELETE\",\"path\":\"/Schemas/x\"}")).post(org.base() + "/Bulk")
                .then().statusCode(400).body("scimType", equalTo("invalidPath"));
        as(org).body(bulk("0", first)).post(org.base() + "/Bulk")
                .then().statusCode(400).body("scimType", equalTo("invalidValue"));
        assertEquals(0, usersNamed(name), "an operation before a malformed one did not run");
        as(org).body(bulk(null)).post(org.base() + "/Bulk").then().statusCode(200).body("Operations", hasSize(0));
    }

    @Test
    void moreThanMaxOperationsIs413AndRunsNothing() {
        String name = unique("many");
        List<String> ops = new ArrayList<>();
        ops.add(postUser("many", name, ""));
        for (int i = 0; i < 1000; i++) {
            ops.add("{\"method\":\"DELETE\",\"path\":\"/Users/" + UUID.randomUUID() + "\"}");
        }
        as(org).body(bulk(null, ops.toArray(String[]::new))).post(org.base() + "/Bulk")
                .then().statusCode(413).contentType(startsWith("application/scim+json"))
                .body("schemas", hasItem(ERROR)).body("status", equalTo("413"))
                .body("detail", containsString("maxOperations (1000)"));
        assertEquals(0, usersNamed(name));
        // exactly the limit runs: 1000 operations, each answered
        ops.remove(ops.size() - 1);
        JsonPath r = send(org, bulk(null, ops.toArray(String[]::new)));
        assertEquals(1000, r.getList("Operations").size());
        assertEquals("201", r.getString("Operations[0].status"));
        assertEquals("404", r.getString("Operations[999].status"));
    }

    /** A body of exactly {@code size} bytes: one POST padded with an attribute the User ignores. */
    private static String paddedBulk(String userName, int size) {
        String head = "{\"Operations\":[{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"p\",\"data\":{\"userName\":\""
                + userName + "\",\"padding\":\"";
        String tail = "\"}}]}";
        return head + "x".repeat(size - head.length() - tail.length()) + tail;
    }

    @Test
    void theAdvertisedMaxPayloadSizePassesAndOneByteMoreIs413() {
        String fits = unique("fits");
        String body = paddedBulk(fits, 1_048_576);
        assertEquals(1_048_576, body.getBytes(StandardCharsets.UTF_8).length);
        JsonPath r = send(org, body);
        assertEquals("201", r.getString("Operations[0].status"));

        String over = unique("over");
        as(org).body(paddedBulk(over, 1_048_577)).post(org.base() + "/Bulk")
                .then().statusCode(413).contentType(startsWith("application/scim+json"))
                .body("schemas", hasItem(ERROR)).body("status", equalTo("413"))
                .body("detail", containsString("maxPayloadSize (1048576"));
        assertEquals(0, usersNamed(over));
        // every SCIM route has the same limit, answered the same way
        as(org).body("{\"userName\":\"x\",\"padding\":\"" + "x".repeat(1_048_576) + "\"}").post(org.base() + "/Users")
                .then().statusCode(413).body("status", equalTo("413"));
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() throws Exception {
        String over = unique("chunked");
        byte[] body = paddedBulk(over, 1_048_577).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(root.toString()).resolve(org.base() + "/Bulk"))
                .header("Authorization", "Bearer " + org.token())
                .header("Content-Type", "application/scim+json")
                // an InputStream of unknown length is sent with Transfer-Encoding: chunked
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"status\":\"413\""), response.body());
        assertEquals(0, usersNamed(over));
    }

    @Test
    void bulkNeedsTheOrganizationsToken() {
        String body = bulk(null, postUser("x", unique("x"), ""));
        given().contentType("application/scim+json").body(body).post(org.base() + "/Bulk")
                .then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo("401"));
        TestOrg other = TestOrgs.create("bulk-intruder");
        ScimApi.awaitOrg(other);
        as(other).body(body).post(org.base() + "/Bulk").then().statusCode(404).body("status", equalTo("404"))
                .body("Operations", nullValue());
        as(org).get(org.base() + "/Bulk").then().statusCode(405).body("status", equalTo("405"));
    }

    private static String last(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

}
