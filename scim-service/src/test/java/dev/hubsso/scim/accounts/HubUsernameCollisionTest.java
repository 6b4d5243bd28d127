package dev.hubsso.scim.accounts;

import static dev.hubsso.scim.support.ScimApi.as;
import static dev.hubsso.scim.support.ScimApi.createUser;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.events.Topics;
import dev.hubsso.events.UserState;
import dev.hubsso.events.UserState.UserStatus;
import dev.hubsso.scim.support.HubAccounts;
import dev.hubsso.scim.support.ScimApi;
import dev.hubsso.scim.support.ScimChanges;
import dev.hubsso.scim.support.TestOrgs;
import dev.hubsso.scim.support.TestOrgs.TestOrg;
import dev.hubsso.testsupport.HubInfrastructure;
import dev.hubsso.testsupport.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A SCIM write whose derived hub username is held by a hub account this SCIM user would not take
 * over (an account created just in time for someone else, a deleted account) is a 409
 * {@code uniqueness}, decided from provisioning's {@code hub.user-state.v1} snapshots published on
 * the real broker (ADR 0006); nothing is stored and no {@code scim.changes.v1} event goes out.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class HubUsernameCollisionTest {

    private static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String ACCOUNT = "urn:hub:scim:schemas:extension:account:2.0:User";
    private static TestOrg org;

    @Inject
    HubUsernameIndex index;

    private String run;

    @BeforeEach
    void org() {
        if (org == null) {
            org = TestOrgs.create("collide");
            ScimApi.awaitOrg(org);
        }
        run = UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void aJitAccountOfAnotherPersonBlocksTheNameAndTheSamePersonTakesItOver() {
        String local = "jdoe" + run;
        String hub = local + "-" + org.shortCode();
        publish(HubAccounts.jit(org.orgId(), hub, "ext-john-" + run, "john.doe." + run + "@other.example"));

        String userName = local + "@example.com";
        as(org).body(body(userName, "ext-jane-" + run, userName)).post(org.base() + "/Users")
                .then().statusCode(409)
                .contentType(ScimApi.SCIM_JSON)
                .body("status", equalTo("409"))
                .body("scimType", equalTo("uniqueness"))
                .body("detail", containsString("'" + hub + "'"));
        assertEquals(0, usersNamed(userName), "nothing stored");
        assertTrue(eventsMentioning(userName).isEmpty(), "no scim.changes.v1 event for a refused user");

        // the same person (the IdP's externalId of the JIT account): provisioning takes the account over
        String id = createUser(org, body(userName, "ext-john-" + run, userName)).path("id");
        as(org).get(org.base() + "/Users/" + id).then().statusCode(200)
                .body("'" + ACCOUNT + "'.username", equalTo(hub));
        assertEquals(1, eventsMentioning(userName).size());
    }

    @Test
    void anEmailMatchTakesOverButAnExternalIdMatchOfAnotherAccountComesFirst() {
        String mary = "mary" + run;
        publish(HubAccounts.jit(org.orgId(), mary + "-" + org.shortCode(), null, mary + "@example.com"));
        // matched by email (case-insensitively) when no unclaimed account has the externalId
        createUser(org, body(mary + "@example.com", "ext-mary-" + run, mary.toUpperCase() + "@EXAMPLE.com"));

        String kim = "kim" + run;
        String kimHub = kim + "-" + org.shortCode();
        publish(HubAccounts.jit(org.orgId(), kimHub, null, kim + "@example.com"));
        publish(HubAccounts.jit(org.orgId(), "kim-old" + run + "-" + org.shortCode(), "ext-kim-" + run, null));
        // provisioning would take the externalId match (the other account) and refuse it kim's name
        as(org).body(body(kim + "@example.com", "ext-kim-" + run, kim + "@example.com")).post(org.base() + "/Users")
                .then().statusCode(409).body("scimType", equalTo("uniqueness"))
                .body("detail", containsString(kimHub));
    }

    @Test
    void aDeletedAccountKeepsItsNameTaken() {
        String gone = "gone" + run;
        String hub = gone + "-" + org.shortCode();
        publish(HubAccounts.linked(org.orgId(), hub, UUID.randomUUID().toString(), UserStatus.DELETED, 7));
        String userName = gone + "@example.com";
        as(org).body(body(userName, "ext-" + gone, userName)).post(org.base() + "/Users")
                .then().statusCode(409).body("scimType", equalTo("uniqueness"))
                .body("detail", containsString("deleted"));
        assertTrue(eventsMentioning(userName).isEmpty());
        // a deleted account stays linked to its (deleted) SCIM user: no externalId or email claims it
        as(org).body(body(userName, null, null)).post(org.base() + "/Users").then().statusCode(409);
    }

    @Test
    void renamesOntoAHeldNameByPatchOrPutAreRefusedAndChangeNothing() {
        String held = "held" + run;
        publish(HubAccounts.jit(org.orgId(), held + "-" + org.shortCode(), "ext-someone-" + run, "someone@other.example"));
        String userName = "mover" + run + "@example.com";
        String id = createUser(org, body(userName, "ext-mover-" + run, userName)).path("id");

        as(org).body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\","
                + "\"path\":\"userName\",\"value\":\"" + held + "@example.com\"},{\"op\":\"replace\",\"path\":\"displayName\","
                + "\"value\":\"Moved\"}]}")
                .patch(org.base() + "/Users/" + id).then().statusCode(409).body("scimType", equalTo("uniqueness"))
                .body("detail", containsString(held + "-" + org.shortCode()));
        as(org).body(body(held + "@example.com", "ext-mover-" + run, userName)).put(org.base() + "/Users/" + id)
                .then().statusCode(409).body("scimType", equalTo("uniqueness"));

        as(org).get(org.base() + "/Users/" + id).then().statusCode(200)
                .body("userName", equalTo(userName)).body("meta.version", equalTo("W/\"1\""))
                .body("displayName", equalTo(null));
        assertEquals(1, ScimChanges.awaitRecords(id, 1).size(), "CREATED only");

        // a free name still works
        as(org).body("{\"Operations\":[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"free" + run + "@example.com\"}]}")
                .patch(org.base() + "/Users/" + id).then().statusCode(200)
                .body("'" + ACCOUNT + "'.username", equalTo("free" + run + "-" + org.shortCode()));
    }

    @Test
    void theAccountLinkedToThisScimUserIsNoConflictButIsOneForEveryoneElse() {
        String userName = "pat" + run + "@example.com";
        String id = createUser(org, body(userName, "ext-pat-" + run, userName)).path("id");
        // provisioning has the account of this SCIM user under another name (e.g. a JIT account it took over)
        String patricia = "patricia" + run;
        publish(HubAccounts.linked(org.orgId(), patricia + "-" + org.shortCode(), id, UserStatus.ACTIVE, 3));

        String other = createUser(org, body("other" + run + "@example.com", "ext-other-" + run,
                "other" + run + "@example.com")).path("id");
        as(org).body("{\"Operations\":[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"" + patricia + "@example.com\"}]}")
                .patch(org.base() + "/Users/" + other).then().statusCode(409).body("scimType", equalTo("uniqueness"));

        as(org).body("{\"Operations\":[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"" + patricia + "@example.com\"}]}")
                .patch(org.base() + "/Users/" + id).then().statusCode(200)
                .body("'" + ACCOUNT + "'.username", equalTo(patricia + "-" + org.shortCode()));
    }

    @Test
    void aBulkPostOntoAHeldNameFailsInItsOwnOperationOnly() {
        String held = "bulkheld" + run;
        publish(HubAccounts.jit(org.orgId(), held + "-" + org.shortCode(), "ext-x-" + run, "x" + run + "@other.example"));
        String ok = "bulkok" + run + "@example.com";
        String bulk = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":["
                + "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"a\",\"data\":" + body(held + "@example.com", "ext-y-" + run, null) + "},"
                + "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"b\",\"data\":" + body(ok, "ext-ok-" + run, ok) + "}]}";
        JsonPath r = as(org).body(bulk).post(org.base() + "/Bulk").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("409", "201"), r.getList("Operations.status"));
        assertEquals("uniqueness", r.getString("Operations[0].response.scimType"));
        assertTrue(r.getString("Operations[0].response.detail").contains(held + "-" + org.shortCode()));
        assertNull(r.get("Operations[0].location"));
        assertEquals(0, usersNamed(held + "@example.com"));
        assertEquals(1, usersNamed(ok));
    }

    private void publish(UserState state) {
        HubAccounts.publish(state);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> index.holder(state.username())
                .filter(h -> h.userId().equals(state.userId()) && h.version() == state.userVersion()).isPresent());
    }

    private static String body(String userName, String externalId, String email) {
        return "{\"schemas\":[\"" + USER_SCHEMA + "\"],\"userName\":\"" + userName + "\""
                + (externalId == null ? "" : ",\"externalId\":\"" + externalId + "\"")
                + (email == null ? "" : ",\"emails\":[{\"value\":\"" + email + "\",\"type\":\"work\",\"primary\":true}]")
                + ",\"active\":true}";
    }

    private static int usersNamed(String userName) {
        return as(org).queryParam("filter", "userName eq \"" + userName + "\"").get(org.base() + "/Users")
                .then().statusCode(200).extract().path("totalResults");
    }

    /** The scim.changes.v1 records (from the beginning to the current end) whose payload mentions {@code text}. */
    private static List<String> eventsMentioning(String text) {
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SCIM_CHANGES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // the outbox relay publishes shortly after the commit: give it time, then read to the end
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null && r.value().contains("\"" + text + "\"")) {
                        found.add(r.value());
                    }
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
        return found;
    }
}
