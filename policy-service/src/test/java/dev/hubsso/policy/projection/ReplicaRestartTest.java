package dev.hubsso.policy.projection;

import static dev.hubsso.policy.decisions.DecisionResourceTest.body;
import static dev.hubsso.policy.decisions.DecisionResourceTest.publish;
import static dev.hubsso.policy.decisions.DecisionResourceTest.repo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.events.OrgConfig;
import dev.hubsso.events.Topics;
import dev.hubsso.events.UserDeactivated;
import dev.hubsso.events.UserDeleted;
import dev.hubsso.events.UserState;
import dev.hubsso.events.UserState.UserStatus;
import dev.hubsso.kit.fence.IdpDeactivationFence;
import dev.hubsso.policy.decisions.DecisionResourceTest;
import dev.hubsso.policy.rules.Action;
import dev.hubsso.policy.rules.Resource;
import dev.hubsso.policy.rules.Resource.Namespace;
import dev.hubsso.policy.rules.Rule;
import dev.hubsso.testsupport.HubInfrastructure;
import dev.hubsso.testsupport.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A replica that starts from the compacted topics (as after a restart, or a new replica added)
 * answers exactly as the running one did, over the real broker.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "none"))
class ReplicaRestartTest {

    private static final PositionCodec CODEC = new PositionCodec(ProjectionFeed.POSITION_TOPICS);

    @BeforeAll
    static void setUp() {
        DecisionResourceTest.setUp();
    }

    @AfterAll
    static void tearDown() {
        DecisionResourceTest.tearDown();
    }

    record Q(String userId, String username, Action action, Resource resource) {
    }

    @Test
    void restartedReplicaAnswersExactlyAsBefore() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        String open = "open-" + run;
        String closed = "closed-" + run;
        String gone = "gone-" + run;
        // organizations, one of which changes its setting twice and one is deleted
        publish(org("o-" + open, open, true, 1, false));
        publish(org("o-" + closed, closed, false, 1, false));
        publish(org("o-" + closed, closed, true, 2, false));
        publish(org("o-" + closed, closed, false, 3, false));
        publish(org("o-" + gone, gone, true, 1, false));
        publish(org("o-" + gone, gone, true, 2, true));

        List<String[]> users = new ArrayList<>(); // userId, username
        users.add(user("active-" + run, "o-" + open, UserStatus.ACTIVE, 1));
        users.add(user("closed-member-" + run, "o-" + closed, UserStatus.ACTIVE, 1));
        users.add(user("orphan-" + run, "o-" + gone, UserStatus.ACTIVE, 1));
        // deactivated as provisioning does it: lifecycle event and snapshot
        String[] dan = user("dan-" + run, "o-" + open, UserStatus.ACTIVE, 1);
        publish(new UserDeactivated("ev-dan-" + run, Instant.now(), dan[0], "o-" + open, dan[1], 2, Instant.now(), "scim:active=false"));
        user("dan-" + run, "o-" + open, UserStatus.DEACTIVATED, 2);
        users.add(dan);
        // deleted, and its username then reused by a live account
        String[] eve = user("eve-" + run, "o-" + open, UserStatus.ACTIVE, 1);
        publish(new UserDeleted("ev-eve-" + run, Instant.now(), eve[0], "o-" + open, eve[1], 2));
        user("eve-" + run, "o-" + open, UserStatus.DELETED, 2);
        users.add(eve);
        String[] eve2 = { "u2-eve-" + run, eve[1] };
        publish(new UserState(eve2[0], "o-" + open, eve2[1], true, UserStatus.ACTIVE, "read", Map.of(), null, null, 1, Instant.now()));
        users.add(eve2);
        // renamed
        user("ren-" + run, "o-" + open, UserStatus.ACTIVE, 1);
        String[] renamed = { "u-ren-" + run, "renamed-" + run };
        publish(new UserState(renamed[0], "o-" + open, renamed[1], true, UserStatus.ACTIVE, "read", Map.of(), null, null, 2, Instant.now()));
        users.add(renamed);
        users.add(new String[] { "u-ren-" + run, "ren-" + run }); // the old name
        // unmanaged
        String[] bob = { "u-bob-" + run, "bob-" + run };
        publish(new UserState(bob[0], null, bob[1], false, UserStatus.ACTIVE, null, Map.of(), null, null, 1, Instant.now()));
        users.add(bob);
        users.add(new String[] { "u-nobody-" + run, "nobody-" + run });

        List<Q> questions = new ArrayList<>();
        for (String[] u : users) {
            for (Action a : Action.values()) {
                for (Resource r : resources(a, u[1], open, closed, gone)) {
                    questions.add(new Q(u[0], null, a, r));
                    if (a == Action.TOKEN_CREATE || a == Action.REPO_CREATE || a == Action.ORG_JOIN) {
                        questions.add(new Q(null, u[1], a, r));
                    }
                }
            }
        }
        assertTrue(questions.size() <= 1000, questions.size() + " questions fit one batch");

        // the running replica, once it has seen everything published above
        String everything = endPosition();
        StringBuilder batch = new StringBuilder("{\"minPosition\":\"").append(everything).append("\",\"questions\":[");
        for (int i = 0; i < questions.size(); i++) {
            batch.append(i == 0 ? "" : ",").append(json(questions.get(i)));
        }
        JsonPath before = JsonPath.from(given().contentType(ContentType.JSON).body(batch.append("]}").toString())
                .post("/v1/decisions:batch").then().statusCode(200).extract().asString());
        List<String> rulesBefore = before.getList("decisions.rule");

        // a replica started from nothing but the topics
        try (ProjectionFeed restarted = new ProjectionFeed("restarted-" + run, KafkaBroker.shared().bootstrapServers(), Map.of(),
                new IdpDeactivationFence()).start()) {
            assertTrue(restarted.awaitReady(Duration.ofSeconds(30)), "restarted replica ready");
            assertTrue(PositionCodec.reached(restarted.positions(), CODEC.parse(before.getString("position"))),
                    "the restarted replica is at least where the running one was");
            List<String> rulesAfter = new ArrayList<>();
            for (Q q : questions) {
                rulesAfter.add(restarted.rule(q.userId(), q.username(), q.action(), q.resource()).id());
            }
            for (int i = 0; i < questions.size(); i++) {
                assertEquals(rulesBefore.get(i), rulesAfter.get(i), "question " + i + ": " + questions.get(i));
            }
        }

        // and the comparison is not vacuous: the interesting rules were all exercised
        Set<String> seen = new HashSet<>(rulesBefore);
        Set<String> expected = Set.of(Rule.ACCOUNT_DEACTIVATED, Rule.ACCOUNT_DELETED, Rule.NOT_MANAGED, Rule.UNKNOWN_SUBJECT,
                Rule.MANAGED_OWN_ORG_PUBLIC_DISABLED, Rule.MANAGED_OWN_ORG_PUBLIC_CONTENT, Rule.MANAGED_PERSONAL_CONTENT,
                Rule.MANAGED_OUTSIDE_CONTRIBUTION, Rule.MANAGED_OTHER_ORG_JOIN, Rule.MANAGED_OWN_ORG_JOIN)
                .stream().map(Rule::id).collect(Collectors.toSet());
        assertTrue(seen.containsAll(expected), "exercised " + seen);
        int i = questions.indexOf(new Q(null, eve[1], Action.TOKEN_CREATE, null));
        assertEquals("managed-token-create", rulesBefore.get(i), "a reused username belongs to the live account");
    }

    private static List<Resource> resources(Action a, String username, String... orgs) {
        List<Resource> rs = new ArrayList<>();
        switch (a.target()) {
            case NONE -> rs.add(null);
            case ORGANIZATION -> {
                for (String o : orgs) {
                    rs.add(Resource.organization(o));
                }
            }
            default -> {
                for (Resource.Visibility v : Resource.Visibility.values()) {
                    rs.add(Resource.repository(Resource.Type.MODEL, new Namespace(Namespace.Kind.USER, username), v, "r"));
                    for (String o : orgs) {
                        rs.add(Resource.repository(Resource.Type.DATASET, new Namespace(Namespace.Kind.ORG, o), v, "r"));
                    }
                }
            }
        }
        return rs;
    }

    private static String json(Q q) {
        String subject = q.userId() != null ? "{\"userId\":\"" + q.userId() + "\"}" : "{\"username\":\"" + q.username() + "\"}";
        String resource = null;
        if (q.resource() != null) {
            Resource r = q.resource();
            resource = r.type() == null
                    ? "{\"namespace\":{\"kind\":\"org\",\"name\":\"" + r.namespace().name() + "\"}}"
                    : repo(r.namespace().kind().wireName(), r.namespace().name(), r.visibility().wireName());
        }
        return body(subject, q.action().wireName(), resource, null);
    }

    private static String[] user(String name, String orgId, UserStatus status, long version) {
        String[] u = { "u-" + name, name };
        publish(new UserState(u[0], orgId, u[1], true, status, "write", Map.of(), null, null, version, Instant.now()));
        return u;
    }

    private static OrgConfig org(String id, String name, boolean publicContent, long version, boolean deleted) {
        return new OrgConfig(id, name, "tst", OrgConfig.SsoMode.MANAGED, publicContent, OrgConfig.DEFAULT_SESSION_MAX_AGE_SECONDS,
                List.of(), "read", List.of(), null, version, deleted, Instant.now());
    }

    /** The end of every partition of the position topics, as a position. */
    private static String endPosition() throws Exception {
        try (Admin admin = KafkaBroker.shared().admin()) {
            Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
            for (String topic : ProjectionFeed.POSITION_TOPICS) {
                for (int p = 0; p < Topics.spec(topic).partitions(); p++) {
                    ask.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(ask).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            return CODEC.encode(ends);
        }
    }
}
