package dev.hubsso.policy.decisions;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.events.CloudEventHeaders;
import dev.hubsso.events.EventCodec;
import dev.hubsso.events.EventType;
import dev.hubsso.events.HubEvent;
import dev.hubsso.events.OrgConfig;
import dev.hubsso.events.ScimChange;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.events.ScimUserChanged.ScimUserSnapshot;
import dev.hubsso.events.Topics;
import dev.hubsso.events.UserDeactivated;
import dev.hubsso.events.UserState;
import dev.hubsso.events.UserState.UserStatus;
import dev.hubsso.policy.projection.PositionCodec;
import dev.hubsso.policy.projection.ProjectionFollower;
import dev.hubsso.testsupport.HubInfrastructure;
import dev.hubsso.testsupport.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code POST /v1/decisions} over the real broker: events in, decisions out. */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "none"))
public class DecisionResourceTest {

    private static final PositionCodec CODEC = new PositionCodec(ProjectionFollower.TOPICS);
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    public static void setUp() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaBroker.shared().bootstrapServers());
        p.put("linger.ms", "0");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    public static void tearDown() {
        producer.close();
    }

    @Test
    void managedUserCreatesInOwnOrgButNotInPersonalNamespace() {
        Fixture f = Fixture.create("own", true);
        f.awaitKnown();

        JsonPath own = decide(f.byUsername(), "repo.create", repo("org", f.orgName, "private"));
        assertTrue(own.getBoolean("allow"));
        assertEquals("ALLOWED", own.getString("reason"));
        assertEquals("managed-own-org-private-content", own.getString("rule"));
        assertNotNull(own.getString("position"));

        JsonPath personal = decide(f.byUserId(), "repo.create", repo("user", f.username, "private"));
        assertFalse(personal.getBoolean("allow"));
        assertEquals("MANAGED_PERSONAL_NAMESPACE", personal.getString("reason"));
        assertTrue(personal.getString("message").contains("personal namespace"), personal.getString("message"));

        JsonPath otherOrgPrivate = decide(f.byUsername(), "repo.read", repo("org", "someone-else", "private"));
        assertEquals("MANAGED_OUTSIDE_ORG", otherOrgPrivate.getString("reason"));
    }

    @Test
    void decidesByUserIdAndByUsernameAlike() {
        Fixture f = Fixture.create("ids", true);
        f.awaitKnown();
        for (String subject : List.of(f.byUserId(), f.byUsername(), "{\"username\":\"" + f.username.toUpperCase() + "\"}")) {
            JsonPath d = decide(subject, "org.join", "{\"namespace\":{\"kind\":\"org\",\"name\":\"elsewhere\"}}");
            assertEquals("MANAGED_ORG_JOIN", d.getString("reason"), subject);
            assertEquals("managed-other-org-join", d.getString("rule"), subject);
        }
        JsonPath unknown = decide("{\"userId\":\"no-such-" + f.run + "\"}", "token.create", null);
        assertTrue(unknown.getBoolean("allow"));
        assertEquals("UNKNOWN_SUBJECT", unknown.getString("reason"));
    }

    @Test
    void deactivationDeniesWithinOneSecond() {
        Fixture f = Fixture.create("deact", true);
        f.awaitKnown();
        assertTrue(decide(f.byUsername(), "repo.write", repo("org", f.orgName, "private")).getBoolean("allow"));

        publish(new UserDeactivated("ev-" + f.run, Instant.now(), f.userId, f.orgId, f.username, 2, Instant.now(), "scim:active=false"));
        long published = System.nanoTime();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
            JsonPath d = decide(f.byUsername(), "repo.write", repo("org", f.orgName, "private"));
            assertEquals("ACCOUNT_DEACTIVATED", d.getString("reason"));
            assertFalse(d.getBoolean("allow"));
        });
        System.out.printf("deactivation -> policy deny: %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - published));
        assertEquals("ACCOUNT_DEACTIVATED", decide(f.byUserId(), "token.create", null).getString("reason"));
    }

    @Test
    void idpDeactivationOverScimDeniesWithinOneSecondBeforeAnyLifecycleEvent() {
        Fixture f = Fixture.create("fence", true);
        f.awaitKnown();
        String write = repo("org", f.orgName, "private");
        JsonPath before = decide(f.byUsername(), "repo.write", write);
        assertTrue(before.getBoolean("allow"));

        // only the SCIM record: provisioning has not turned it into UserDeactivated yet
        publish(f.scim(false, 2));
        long published = System.nanoTime();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
            JsonPath d = decide(f.byUsername(), "repo.write", write);
            assertFalse(d.getBoolean("allow"));
            assertEquals("ACCOUNT_DEACTIVATED", d.getString("reason"));
            assertEquals("idp-deactivated", d.getString("rule"));
        });
        System.out.printf("SCIM active=false -> policy deny: %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - published));
        JsonPath byId = decide(f.byUserId(), "token.create", null);
        assertEquals("ACCOUNT_DEACTIVATED", byId.getString("reason"));
        assertFalse(byId.getString("position").contains(Topics.SCIM_CHANGES), "positions name the lifecycle topics only");
        assertEquals(before.getString("position").split(";").length, byId.getString("position").split(";").length);

        // a newer SCIM record saying active=true lifts the fence at once
        publish(f.scim(true, 3));
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10)).untilAsserted(() ->
                assertTrue(decide(f.byUsername(), "repo.write", write).getBoolean("allow")));
    }

    @Test
    void batchAnswersInOrderUnderOnePosition() {
        Fixture f = Fixture.create("batch", false);
        f.awaitKnown();
        String deactivatedId = "u-batch-gone-" + f.run;
        publish(new UserState(deactivatedId, f.orgId, "gone-" + f.run, true, UserStatus.DEACTIVATED, "read", Map.of(), null,
                null, 3, Instant.now()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals("ACCOUNT_DEACTIVATED",
                decide("{\"userId\":\"" + deactivatedId + "\"}", "token.create", null).getString("reason")));

        List<String[]> questions = List.of(
                new String[] { f.byUsername(), "repo.create", repo("org", f.orgName, "private"), "managed-own-org-private-content" },
                new String[] { f.byUsername(), "repo.create", repo("org", f.orgName, "public"), "managed-own-org-public-disabled" },
                new String[] { f.byUserId(), "repo.create", repo("user", f.username, "private"), "managed-personal-content" },
                new String[] { "{\"userId\":\"" + deactivatedId + "\"}", "repo.read", repo("org", f.orgName, "public"), "account-deactivated" },
                new String[] { f.byUsername(), "org.invite_accept", "{\"namespace\":{\"kind\":\"org\",\"name\":\"x\"}}", "managed-other-org-join" },
                new String[] { "{\"username\":\"nobody-" + f.run + "\"}", "token.create", null, "unknown-subject" },
                new String[] { f.byUsername(), "repo.read", repo("org", "elsewhere", "public"), "managed-outside-public-read" });
        StringBuilder body = new StringBuilder("{\"questions\":[");
        for (int repeat = 0; repeat < 100; repeat++) {
            for (String[] q : questions) {
                body.append(body.charAt(body.length() - 1) == '[' ? "" : ",").append(body(q[0], q[1], q[2], null));
            }
        }
        body.append("]}");
        JsonPath answer = JsonPath.from(given().contentType(ContentType.JSON).body(body.toString())
                .post("/v1/decisions:batch")
                .then().statusCode(200).contentType(ContentType.JSON).extract().asString());
        List<String> rules = answer.getList("decisions.rule");
        assertEquals(700, rules.size());
        for (int i = 0; i < rules.size(); i++) {
            assertEquals(questions.get(i % questions.size())[3], rules.get(i), "answer " + i);
        }
        assertEquals("PUBLIC_CONTENT_DISABLED", answer.getString("decisions[1].reason"));
        assertFalse(answer.getBoolean("decisions[3].allow"));
        assertTrue(answer.getString("decisions[2].message").contains("personal namespace"));
        Map<TopicPartition, Long> position = CODEC.parse(answer.getString("position"));
        assertEquals(Topics.spec(Topics.USER_STATE).partitions(),
                position.keySet().stream().filter(tp -> tp.topic().equals(Topics.USER_STATE)).count());

        // the batch position works as minPosition for single decisions and batches alike
        given().contentType(ContentType.JSON)
                .body("{\"minPosition\":\"" + answer.getString("position") + "\",\"questions\":[" + body(f.byUserId(), "token.create", null, null) + "]}")
                .post("/v1/decisions:batch")
                .then().statusCode(200).body("decisions[0].rule", equalTo("managed-token-create"));
    }

    @Test
    void batchPathWorksWithTheColonPercentEncodedToo() {
        String one = "{\"questions\":[" + body("{\"username\":\"a\"}", "token.create", null, null) + "]}";
        for (boolean encode : List.of(true, false)) {
            given().urlEncodingEnabled(encode).contentType(ContentType.JSON).body(one)
                    .post("/v1/decisions:batch")
                    .then().statusCode(200).body("decisions[0].reason", equalTo("UNKNOWN_SUBJECT"));
        }
    }

    @Test
    void batchOverTheLimitIs413ProblemJson() {
        String one = body("{\"username\":\"a\"}", "token.create", null, null);
        String thousand = String.join(",", java.util.Collections.nCopies(1000, one));
        given().contentType(ContentType.JSON).body("{\"questions\":[" + thousand + "]}")
                .post("/v1/decisions:batch").then().statusCode(200).body("decisions.size()", equalTo(1000));
        given().contentType(ContentType.JSON).body("{\"questions\":[" + thousand + "," + one + "]}")
                .post("/v1/decisions:batch")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("type", equalTo("urn:hub:problem:batch-too-large"))
                .body("detail", containsString("1001"));
    }

    static List<Object[]> badBatches() {
        String ok = body("{\"username\":\"a\"}", "token.create", null, null);
        return List.of(
                new Object[] { "unknown action in item 2", "{\"questions\":[" + ok + "," + ok + ",{\"subject\":{\"username\":\"a\"},\"action\":\"repo.delete\"}]}", "$.questions[2].action" },
                new Object[] { "missing resource in item 1", "{\"questions\":[" + ok + ",{\"subject\":{\"username\":\"a\"},\"action\":\"repo.read\"}]}", "$.questions[1].resource" },
                new Object[] { "item of the wrong shape", "{\"questions\":[" + ok + ",{\"subject\":\"alice\",\"action\":\"token.create\"}]}", "$.questions[1].subject" },
                new Object[] { "null item", "{\"questions\":[" + ok + ",null]}", "$.questions[1]" },
                new Object[] { "minPosition inside an item", "{\"questions\":[" + body("{\"username\":\"a\"}", "token.create", null, "hub.user-state.v1=0:1") + "]}", "$.questions[0].minPosition" },
                new Object[] { "no questions", "{\"questions\":[]}", "$.questions" },
                new Object[] { "questions missing", "{}", "$.questions" },
                new Object[] { "malformed batch minPosition", "{\"minPosition\":\"nope\",\"questions\":[" + ok + "]}", "$.minPosition" },
                new Object[] { "malformed JSON", "{\"questions\":[", "malformed" });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBatches")
    void badBatchIs400ProblemJsonNamingTheItem(String name, String body, String mentions) {
        given().contentType(ContentType.JSON).body(body)
                .post("/v1/decisions:batch")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body(containsString(mentions));
    }

    @Test
    void orgSettingChangeIsFollowed() {
        Fixture f = Fixture.create("pub", false);
        f.awaitKnown();
        String publicInOrg = repo("org", f.orgName, "public");
        assertEquals("PUBLIC_CONTENT_DISABLED", decide(f.byUsername(), "repo.create", publicInOrg).getString("reason"));
        publish(f.org(true, 2));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertEquals("ALLOWED", decide(f.byUsername(), "repo.create", publicInOrg).getString("reason")));
    }

    @Test
    void minPositionMakesABehindReplicaWaitThenAnswerConsistently() throws Exception {
        Fixture f = Fixture.create("ryw", true);
        f.awaitKnown();
        String write = repo("org", f.orgName, "private");
        JsonPath before = decide(f.byUsername(), "repo.write", write);
        assertTrue(before.getBoolean("allow"));

        // A position past everything this replica has seen: the next record of lifecycle partition 0,
        // as another replica that already saw the deactivation would report it.
        TopicPartition p0 = new TopicPartition(Topics.USER_LIFECYCLE, 0);
        long next = endOffset(p0) + 1;
        String minPosition = Topics.USER_LIFECYCLE + "=0:" + next;

        long start = System.nanoTime();
        CompletableFuture<JsonPath> waiting = CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                .body(body(f.byUsername(), "repo.write", write, minPosition))
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath());
        Thread.sleep(400);
        assertFalse(waiting.isDone(), "the replica waits for the position instead of answering from older state");

        RecordMetadata sent = publish(new UserDeactivated("ev-" + f.run, Instant.now(), f.userId, f.orgId, f.username, 2,
                Instant.now(), "scim:active=false"), 0);
        assertEquals(next - 1, sent.offset(), "the deactivation is the record the position waits for");

        JsonPath after = waiting.get(5, TimeUnit.SECONDS);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertFalse(after.getBoolean("allow"));
        assertEquals("ACCOUNT_DEACTIVATED", after.getString("reason"));
        assertTrue(tookMs >= 400 && tookMs < 2000, "answered once the position was reached, took " + tookMs + " ms");
        Map<TopicPartition, Long> answered = CODEC.parse(after.getString("position"));
        assertTrue(answered.get(p0) >= next, "the answer reflects the position asked for: " + after.getString("position"));

        // the answer's position, given to any replica, yields an answer at least as recent
        JsonPath again = JsonPath.from(given().contentType(ContentType.JSON)
                .body(body(f.byUserId(), "repo.read", write, after.getString("position")))
                .post("/v1/decisions").then().statusCode(200).extract().asString());
        assertEquals("ACCOUNT_DEACTIVATED", again.getString("reason"));
    }

    @Test
    void unreachedMinPositionAnswers503WithThePositionReached() {
        String far = Topics.USER_LIFECYCLE + "=1:" + Long.MAX_VALUE / 2;
        long start = System.nanoTime();
        String position = given().contentType(ContentType.JSON)
                .body(body("{\"username\":\"whoever\"}", "token.create", null, far))
                .post("/v1/decisions")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("status", equalTo(503))
                .body("type", equalTo("urn:hub:problem:position-not-reached"))
                .extract().path("position");
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(tookMs >= 1900 && tookMs < 5000, "waited hub.policy.min-position-wait (2 s), took " + tookMs + " ms");
        Map<TopicPartition, Long> reached = CODEC.parse(position);
        assertEquals(6, reached.keySet().stream().filter(tp -> tp.topic().equals(Topics.USER_LIFECYCLE)).count(),
                "the position names every followed partition: " + position);
    }

    static List<Object[]> badRequests() {
        String repo = "{\"type\":\"model\",\"namespace\":{\"kind\":\"org\",\"name\":\"demo\"},\"visibility\":\"private\"}";
        return List.of(
                new Object[] { "malformed JSON", "{\"subject\":", "malformed" },
                new Object[] { "not an object", "[1,2]", "" },
                new Object[] { "subject of the wrong type", "{\"subject\":\"alice\",\"action\":\"repo.create\",\"resource\":" + repo + "}", "subject" },
                new Object[] { "empty body", "", "" },
                new Object[] { "unknown action", "{\"subject\":{\"username\":\"a\"},\"action\":\"repo.delete\",\"resource\":" + repo + "}", "$.action" },
                new Object[] { "missing action", "{\"subject\":{\"username\":\"a\"},\"resource\":" + repo + "}", "$.action" },
                new Object[] { "missing subject", "{\"action\":\"repo.create\",\"resource\":" + repo + "}", "$.subject" },
                new Object[] { "empty subject", "{\"subject\":{},\"action\":\"repo.create\",\"resource\":" + repo + "}", "$.subject" },
                new Object[] { "both username and userId", "{\"subject\":{\"username\":\"a\",\"userId\":\"u\"},\"action\":\"repo.create\",\"resource\":" + repo + "}", "$.subject" },
                new Object[] { "missing resource", "{\"subject\":{\"username\":\"a\"},\"action\":\"repo.create\"}", "$.resource" },
                new Object[] { "bad visibility", "{\"subject\":{\"username\":\"a\"},\"action\":\"repo.create\",\"resource\":{\"type\":\"model\",\"namespace\":{\"kind\":\"org\",\"name\":\"d\"},\"visibility\":\"internal\"}}", "$.resource.visibility" },
                new Object[] { "bad type", "{\"subject\":{\"username\":\"a\"},\"action\":\"repo.read\",\"resource\":{\"type\":\"paper\",\"namespace\":{\"kind\":\"org\",\"name\":\"d\"},\"visibility\":\"public\"}}", "$.resource.type" },
                new Object[] { "bad namespace kind", "{\"subject\":{\"username\":\"a\"},\"action\":\"repo.read\",\"resource\":{\"type\":\"model\",\"namespace\":{\"kind\":\"team\",\"name\":\"d\"},\"visibility\":\"public\"}}", "$.resource.namespace.kind" },
                new Object[] { "org.join of a user namespace", "{\"subject\":{\"username\":\"a\"},\"action\":\"org.join\",\"resource\":{\"namespace\":{\"kind\":\"user\",\"name\":\"d\"}}}", "$.resource.namespace.kind" },
                new Object[] { "malformed minPosition", "{\"subject\":{\"username\":\"a\"},\"action\":\"token.create\",\"minPosition\":\"nope\"}", "$.minPosition" },
                new Object[] { "minPosition of an unknown topic", "{\"subject\":{\"username\":\"a\"},\"action\":\"token.create\",\"minPosition\":\"x.v1=0:1\"}", "$.minPosition" });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputIs400ProblemJson(String name, String body, String mentions) {
        given().contentType(ContentType.JSON).body(body)
                .post("/v1/decisions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body(containsString(mentions));
    }

    @Test
    void openApiDocumentsBothEndpoints() {
        String doc = given().get("/q/openapi").then().statusCode(200).extract().asString();
        assertTrue(doc.contains("/v1/decisions:batch"), "batch endpoint documented");
        assertTrue(doc.contains("/v1/decisions:\n"), "single endpoint documented (YAML key)");
        assertFalse(doc.contains("%3A"), "the percent-encoded alias is not documented");
        assertTrue(doc.contains("idp-deactivated"), "the IdP fence is documented");
    }

    @Test
    void readyOnceTheSnapshotsAreRead() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("policy-projection"));
    }

    // ---------------------------------------------------------------- helpers

    /** A managed user in a managed org, published to the compacted topics. */
    static final class Fixture {
        final String run = Long.toString(System.nanoTime(), 36);
        final String orgId;
        final String orgName;
        final String userId;
        final String username;

        private Fixture(String tag) {
            orgId = "o-" + tag + "-" + run;
            orgName = "org-" + tag + "-" + run;
            userId = "u-" + tag + "-" + run;
            username = "user-" + tag + "-" + run;
        }

        static Fixture create(String tag, boolean publicContentAllowed) {
            Fixture f = new Fixture(tag);
            publish(f.org(publicContentAllowed, 1));
            publish(new UserState(f.userId, f.orgId, f.username, true, UserStatus.ACTIVE, "write", Map.of(), null, null, 1,
                    Instant.now()));
            return f;
        }

        OrgConfig org(boolean publicContentAllowed, long version) {
            return new OrgConfig(orgId, orgName, "tst", OrgConfig.SsoMode.MANAGED, publicContentAllowed,
                    OrgConfig.DEFAULT_SESSION_MAX_AGE_SECONDS, List.of(), "read", List.of(), null, version, false, Instant.now());
        }

        ScimUserChanged scim(boolean active, long version) {
            return new ScimUserChanged("scim-" + run + "-" + version, Instant.now(), orgId, "s-" + run, ScimChange.Change.UPDATED,
                    version, new ScimUserSnapshot(username + "@idp.test", null, null, null, null, null, active, username),
                    List.of("active"), "scim-token:test");
        }

        String byUsername() {
            return "{\"username\":\"" + username + "\"}";
        }

        String byUserId() {
            return "{\"userId\":\"" + userId + "\"}";
        }

        /** Waits until the projection holds the user and its org (an own-org private create is allowed). */
        void awaitKnown() {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertEquals("ALLOWED", decide(byUsername(), "repo.create", repo("org", orgName, "private")).getString("reason")));
        }
    }

    static JsonPath decide(String subject, String action, String resource) {
        return JsonPath.from(given().contentType(ContentType.JSON)
                .body(body(subject, action, resource, null))
                .post("/v1/decisions")
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().asString());
    }

    public static String body(String subject, String action, String resource, String minPosition) {
        StringBuilder sb = new StringBuilder("{\"subject\":").append(subject).append(",\"action\":\"").append(action).append('"');
        if (resource != null) {
            sb.append(",\"resource\":").append(resource);
        }
        if (minPosition != null) {
            sb.append(",\"minPosition\":\"").append(minPosition).append('"');
        }
        return sb.append('}').toString();
    }

    public static String repo(String kind, String name, String visibility) {
        return "{\"type\":\"model\",\"namespace\":{\"kind\":\"" + kind + "\",\"name\":\"" + name + "\"},\"visibility\":\""
                + visibility + "\",\"repo\":\"r\"}";
    }

    public static RecordMetadata publish(HubEvent e) {
        return publish(e, null);
    }

    static RecordMetadata publish(HubEvent e, Integer partition) {
        EventType type = EventType.of(e);
        ProducerRecord<String, String> r = new ProducerRecord<>(type.topic(), partition, e.key(), EventCodec.encode(e));
        r.headers().add(CloudEventHeaders.TYPE, type.ceType().getBytes(StandardCharsets.UTF_8));
        try {
            return producer.send(r).get(10, TimeUnit.SECONDS);
        } catch (Exception ex) {
            throw new IllegalStateException("cannot publish " + e, ex);
        }
    }

    static long endOffset(TopicPartition tp) throws Exception {
        try (Admin admin = KafkaBroker.shared().admin()) {
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get(10, TimeUnit.SECONDS).get(tp).offset();
        }
    }
}
