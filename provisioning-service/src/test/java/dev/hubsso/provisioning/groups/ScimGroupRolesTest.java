package dev.hubsso.provisioning.groups;

import static dev.hubsso.provisioning.support.AdminClient.admin;
import static dev.hubsso.provisioning.support.AdminClient.unique;
import static dev.hubsso.provisioning.support.ScimEvents.change;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubsso.events.EventCodec;
import dev.hubsso.events.EventType;
import dev.hubsso.events.ScimChange.Change;
import dev.hubsso.events.ScimGroupChanged;
import dev.hubsso.events.Topics;
import dev.hubsso.provisioning.support.AdminClient;
import dev.hubsso.provisioning.support.EventSchemas;
import dev.hubsso.provisioning.support.ScimEvents;
import dev.hubsso.provisioning.support.TopicProbe;
import dev.hubsso.provisioning.support.TopicProbe.Rec;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SCIM groups to org roles and resource-group roles, over real Kafka and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class ScimGroupRolesTest {

    private static final String MEMBERSHIP = EventType.MEMBERSHIP_CHANGED.ceType();

    private ScimEvents scim;
    private TopicProbe probe;
    private String org;
    private String code;
    private String orgId;

    @BeforeEach
    void setUp() {
        scim = new ScimEvents();
        probe = TopicProbe.fromEnd(Topics.USER_LIFECYCLE, Topics.USER_STATE);
        org = "grp-" + unique(6);
        code = unique(5);
        orgId = AdminClient.createOrg(org, code);
        admin().body(Map.of("roleMapping", List.of(
                Map.of("attribute", "groups", "values", List.of("hub-admins"), "role", "admin"),
                Map.of("attribute", "groups", "values", List.of("engineers"), "role", "write"))))
                .patch("/admin/orgs/" + org).then().statusCode(200);
    }

    @AfterEach
    void tearDown() {
        probe.close();
        scim.close();
    }

    @Test
    void groupsGrantAdditiveRolesAndRemovalKeepsTheHighestRemainingRole() {
        String rg = admin().body(Map.of("name", "research", "links", List.of(
                Map.of("scimGroup", "ml", "role", "read"),
                Map.of("scimGroup", "ml-writers", "role", "write"),
                Map.of("scimGroup", "ml-leads", "role", "admin"))))
                .post("/admin/orgs/" + org + "/resource-groups").then().statusCode(201).extract().path("id");
        String scimId = UUID.randomUUID().toString();
        String username = "ada-" + code;
        scim.send(change(orgId, scimId, Change.CREATED, 1, "ada", username, null, true));
        String userId = probe.awaitAtLeast(1, r -> r.topic().equals(Topics.USER_STATE) && r.value().contains(username))
                .get(0).key();

        String ml = group("ml", 1, List.of(scimId), Change.CREATED);
        assertMembership(userId, 2, "read", Map.of(rg, "read"));
        String leads = group("ml-leads", 1, List.of(scimId), Change.CREATED);
        assertMembership(userId, 3, "read", Map.of(rg, "admin"));
        String writers = group("ml-writers", 1, List.of(scimId), Change.CREATED);
        String admins = group("hub-admins", 1, List.of(scimId), Change.CREATED);
        // joining ml-writers changed nothing (admin in research already); hub-admins made them org admin
        assertMembership(userId, 4, "admin", Map.of(rg, "admin"));

        // left ml-leads: keeps write from ml-writers
        send(leads, "ml-leads", 2, List.of(), Change.UPDATED);
        assertMembership(userId, 5, "admin", Map.of(rg, "write"));
        // hub-admins deleted: back to the default role
        send(admins, "hub-admins", 2, List.of(), Change.DELETED);
        assertMembership(userId, 6, "read", Map.of(rg, "write"));
        // an old version of hub-admins redelivered changes nothing; neither does a replay of ml-leads v1
        send(admins, "hub-admins", 1, List.of(scimId), Change.CREATED);
        send(leads, "ml-leads", 2, List.of(scimId), Change.UPDATED);
        // renaming ml-writers to engineers: the org rule on "engineers" now applies, and the research link is gone
        send(writers, "engineers", 2, List.of(scimId), Change.UPDATED);
        assertMembership(userId, 7, "write", Map.of(rg, "read"));
        // one announcement per change: the redeliveries produced none
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), probe.matching(user(userId).and(r -> MEMBERSHIP.equals(r.ceType())))
                .stream().map(r -> r.json().get("userVersion").asInt()).toList());

        admin().get("/admin/orgs/" + org + "/users/" + username).then().statusCode(200)
                .body("orgRole", equalTo("write")).body("resourceGroupRoles." + rg, equalTo("read"))
                .body("userVersion", equalTo(7));
        // left the last linked group: no resource-group role remains
        send(ml, "ml", 2, List.of(), Change.UPDATED);
        Rec m = assertMembership(userId, 8, "write", Map.of());
        assertEquals(false, m.json().get("suspended").asBoolean());
    }

    @Test
    void aGroupSeenBeforeItsMemberAppliesWhenTheMemberArrives() {
        String scimId = UUID.randomUUID().toString();
        String username = "late-" + code;
        group("hub-admins", 1, List.of(scimId), Change.CREATED);
        scim.send(change(orgId, scimId, Change.CREATED, 1, "late", username, null, true));
        Rec state = probe.awaitAtLeast(2, r -> r.topic().equals(Topics.USER_STATE) && r.value().contains(username))
                .get(1);
        assertEquals("admin", state.json().get("orgRole").asText());
    }

    private Rec assertMembership(String userId, int version, String orgRole, Map<String, String> rgRoles) {
        Rec m = probe.awaitAtLeast(1, user(userId).and(r -> MEMBERSHIP.equals(r.ceType()))
                .and(r -> r.json().get("userVersion").asInt() == version)).get(0);
        EventSchemas.assertValid(m);
        JsonNode json = m.json();
        assertEquals(orgRole, json.get("orgRole").asText(), m.toString());
        assertEquals(rgRoles, EventCodec.mapper().convertValue(json.get("resourceGroupRoles"), Map.class), m.toString());
        Rec state = probe.awaitAtLeast(1, user(userId).and(r -> r.topic().equals(Topics.USER_STATE))
                .and(r -> r.json().get("userVersion").asInt() == version)).get(0);
        assertEquals(orgRole, state.json().get("orgRole").asText());
        return m;
    }

    private String group(String name, long version, List<String> members, Change change) {
        String id = UUID.randomUUID().toString();
        send(id, name, version, members, change);
        return id;
    }

    private void send(String id, String name, long version, List<String> members, Change change) {
        ScimGroupChanged g = new ScimGroupChanged(UUID.randomUUID().toString(), Instant.now(), orgId, id, change,
                version, name, null, members, "scim-token:test");
        scim.send(id, EventCodec.encode(g), EventType.SCIM_GROUP_CHANGED.ceType(), g.eventId());
    }

    private static Predicate<Rec> user(String userId) {
        return r -> userId.equals(r.key());
    }
}
