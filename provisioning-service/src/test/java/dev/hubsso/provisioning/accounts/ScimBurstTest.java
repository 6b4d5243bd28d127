package dev.hubsso.provisioning.accounts;

import static dev.hubsso.provisioning.support.AdminClient.admin;
import static dev.hubsso.provisioning.support.AdminClient.unique;
import static dev.hubsso.provisioning.support.ScimEvents.change;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hubsso.events.EventType;
import dev.hubsso.events.ScimChange.Change;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.events.Topics;
import dev.hubsso.provisioning.support.AdminClient;
import dev.hubsso.provisioning.support.EventSchemas;
import dev.hubsso.provisioning.support.ScimEvents;
import dev.hubsso.provisioning.support.TopicProbe;
import dev.hubsso.provisioning.support.TopicProbe.Rec;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A burst of SCIM creations arrives in few polls and takes the bulk path: the same accounts,
 * events and audit entries as one by one, and the cases the bulk path must leave alone
 * (duplicate usernames, a user created then deactivated in the same burst) still follow the rules.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class ScimBurstTest {

    @Test
    void aBurstOfCreationsYieldsOneAccountAndItsEventsPerUser() {
        String org = "burst-" + unique(6);
        String code = unique(5);
        String orgId = AdminClient.createOrg(org, code);
        int n = 300;
        List<ScimUserChanged> burst = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            burst.add(change(orgId, UUID.randomUUID().toString(), Change.CREATED, 1, "u" + i, "u" + i + "-" + code,
                    "u" + i + "@x.example", true));
        }
        // two SCIM users claiming one username: the first wins, the second is rejected
        String first = UUID.randomUUID().toString();
        burst.add(change(orgId, first, Change.CREATED, 1, "dup", "dup-" + code, null, true));
        burst.add(change(orgId, UUID.randomUUID().toString(), Change.CREATED, 1, "dup", "dup-" + code, null, true));
        // created then deactivated within the burst: both applied, in order
        String flip = UUID.randomUUID().toString();
        burst.add(change(orgId, flip, Change.CREATED, 1, "flip", "flip-" + code, null, true));
        burst.add(change(orgId, flip, Change.UPDATED, 2, "flip", "flip-" + code, null, false));
        try (ScimEvents scim = new ScimEvents(); TopicProbe probe = TopicProbe.fromEnd(Topics.USER_LIFECYCLE, Topics.USER_STATE)) {
            scim.sendAll(burst);
            String provisioned = EventType.USER_PROVISIONED.ceType();
            List<Rec> created = probe.awaitAtLeast(n + 2, r -> provisioned.equals(r.ceType()) && r.value().contains(orgId));
            List<Rec> states = probe.awaitAtLeast(n + 3, r -> r.topic().equals(Topics.USER_STATE) && r.value().contains(orgId));
            assertEquals(n + 2, created.size());
            Set<String> users = created.stream().map(Rec::key).collect(Collectors.toSet());
            assertEquals(n + 2, users.size());
            created.stream().limit(5).forEach(EventSchemas::assertValid);
            states.stream().limit(5).forEach(EventSchemas::assertValid);
            List<Rec> memberships = probe.awaitAtLeast(n + 3, r -> EventType.MEMBERSHIP_CHANGED.ceType().equals(r.ceType())
                    && r.value().contains(orgId));
            assertEquals("read", memberships.get(0).json().get("orgRole").asText());
        }
        admin().get("/admin/orgs/" + org + "/users/u17-" + code).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("userVersion", equalTo(1)).body("email", equalTo("u17@x.example"));
        admin().get("/admin/orgs/" + org + "/users/dup-" + code).then().body("scimUserId", equalTo(first));
        admin().get("/admin/orgs/" + org + "/users/flip-" + code).then().body("status", equalTo("DEACTIVATED"))
                .body("userVersion", equalTo(2));
        admin().queryParam("target", "user:u17-" + code).get("/admin/orgs/" + org + "/audit").then()
                .body("items.action", equalTo(List.of("account.scim-created")))
                .body("items[0].actor", equalTo("scim-token:test"))
                .body("items[0].after.username", equalTo("u17-" + code));
    }
}
