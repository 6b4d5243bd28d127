package dev.hubsso.provisioning.jit;

import static dev.hubsso.provisioning.support.AdminClient.admin;
import static dev.hubsso.provisioning.support.AdminClient.unique;
import static dev.hubsso.provisioning.support.Jit.claims;
import static dev.hubsso.provisioning.support.Jit.login;
import static dev.hubsso.provisioning.support.ScimEvents.change;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.events.EventType;
import dev.hubsso.events.ScimChange.Change;
import dev.hubsso.events.Topics;
import dev.hubsso.provisioning.support.AdminClient;
import dev.hubsso.provisioning.support.EventSchemas;
import dev.hubsso.provisioning.support.ScimEvents;
import dev.hubsso.provisioning.support.TopicProbe;
import dev.hubsso.provisioning.support.TopicProbe.Rec;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /internal/jit} over real PostgreSQL and Kafka: linking order, refusals, roles at every login. */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class JitApiTest {

    private static final String PROVISIONED = EventType.USER_PROVISIONED.ceType();
    private static final String MEMBERSHIP = EventType.MEMBERSHIP_CHANGED.ceType();

    private String org;
    private String code;
    private String orgId;
    private String issuer;
    private String domain;
    private TopicProbe probe;
    private ScimEvents scim;

    @BeforeEach
    void setUp() {
        org = "jit-" + unique(6);
        code = unique(5);
        domain = code + ".example.com";
        orgId = AdminClient.createOrg(org, code);
        issuer = "https://login." + domain;
        admin().body(Map.of("allowedEmailDomains", List.of(domain),
                "idp", Map.of("issuer", issuer, "clientId", "hub", "claimPaths", Map.of("externalId", "oid")),
                "roleMapping", List.of(
                        Map.of("attribute", "groups", "values", List.of("hub-admins"), "role", "admin"),
                        Map.of("attribute", "org.department", "values", List.of("research"), "role", "write"))))
                .patch("/admin/orgs/" + org).then().statusCode(200);
        probe = TopicProbe.fromEnd(Topics.USER_LIFECYCLE, Topics.USER_STATE);
        scim = new ScimEvents();
    }

    @AfterEach
    void tearDown() {
        probe.close();
        scim.close();
    }

    @Test
    void firstLoginCreatesAManagedAccountAndEveryLoginReappliesTheRoleMapping() {
        String sub = "sub-" + unique(8);
        String userId = login(org, issuer, sub, "ada@" + domain, true,
                claims(sub, "ada.lovelace", List.of("hub-admins", "staff"))).statusCode(200)
                .body("username", equalTo("ada-lovelace-" + code))
                .body("orgRole", equalTo("admin"))
                .body("managed", equalTo(true))
                .body("created", equalTo(true))
                .extract().path("userId");
        List<Rec> first = probe.awaitAtLeast(3, user(userId));
        first.forEach(EventSchemas::assertValid);
        Rec provisioned = first.stream().filter(r -> PROVISIONED.equals(r.ceType())).findFirst().orElseThrow();
        assertEquals("jit", provisioned.json().get("source").asText());
        assertEquals("admin", first.stream().filter(r -> MEMBERSHIP.equals(r.ceType())).findFirst().orElseThrow()
                .json().get("orgRole").asText());

        // the IdP dropped the admin group: the next login demotes to the rule that still matches
        login(org, issuer, sub, "ada@" + domain, true,
                claims(sub, "ada.lovelace", List.of("staff"), "org", Map.of("department", "research")))
                .statusCode(200).body("userId", equalTo(userId)).body("created", equalTo(false))
                .body("linkedBy", equalTo("idp")).body("orgRole", equalTo("write"));
        Rec demoted = probe.awaitAtLeast(2, user(userId).and(type(MEMBERSHIP))).get(1);
        assertEquals("write", demoted.json().get("orgRole").asText());
        assertEquals(2, demoted.json().get("userVersion").asInt());

        // no rule matches: the default role; an unchanged login then announces nothing
        login(org, issuer, sub, "ada@" + domain, true, claims(sub, "ada.lovelace", List.of()))
                .statusCode(200).body("orgRole", equalTo("read"));
        login(org, issuer, sub, "ada@" + domain, true, claims(sub, "ada.lovelace", List.of()))
                .statusCode(200).body("orgRole", equalTo("read"));
        probe.awaitAtLeast(3, user(userId).and(type(MEMBERSHIP)));
        // a later event through the same outbox proves the earlier ones were all published
        String marker = "marker-" + unique(6) + "-" + code;
        scim.send(change(orgId, UUID.randomUUID().toString(), Change.CREATED, 1, "m", marker, null, true));
        probe.awaitAtLeast(1, r -> r.value().contains(marker));
        assertEquals(3, probe.matching(user(userId).and(type(MEMBERSHIP))).size());
        admin().get("/admin/orgs/" + org + "/users/ada-lovelace-" + code).then().statusCode(200)
                .body("source", equalTo("jit")).body("idpSubject", equalTo(sub)).body("userVersion", equalTo(3));
    }

    @Test
    void linksByExternalIdThenByVerifiedEmailButNeverByAnUnverifiedOne() {
        String scimA = UUID.randomUUID().toString();
        String scimB = UUID.randomUUID().toString();
        String userA = scimAccount(scimA, "grace", "grace@" + domain);
        String userB = scimAccount(scimB, "alan", "alan@" + domain);

        // externalId (the org's claim path: oid) links to the SCIM account, whatever the email
        login(org, issuer, "s-" + unique(6), "g.hopper@" + domain, false,
                claims("x", "gh", null, "oid", "ext-" + scimA)).statusCode(200)
                .body("userId", equalTo(userA)).body("linkedBy", equalTo("externalId")).body("created", equalTo(false));
        // an unverified email does not link: a separate account is created
        String other = login(org, issuer, "s-" + unique(6), "alan@" + domain, false,
                claims("y", "alan-t", null)).statusCode(200)
                .body("created", equalTo(true)).body("userId", not(equalTo(userB))).extract().path("userId");
        assertNotEquals(userB, other);
        // the verified email does
        login(org, issuer, "s-" + unique(6), "ALAN@" + domain, true, claims("z", "alan-t2", null)).statusCode(200)
                .body("userId", equalTo(userB)).body("linkedBy", equalTo("email"));
    }

    @Test
    void refusesForeignDomainsDeactivatedAccountsOtherIdpsAndUsernameCollisions() {
        login(org, issuer, "s1", "eve@evil.example", true, claims("s1", "eve", null)).statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("urn:hub:problem:jit:email-domain"));
        login(org, "https://evil.example", "s1", "eve@" + domain, true, claims("s1", "eve", null)).statusCode(403)
                .body("type", equalTo("urn:hub:problem:jit:wrong-idp"));
        // every refusal is in the org's audit log, with who tried and why
        admin().queryParam("action", "jit.refused").get("/admin/orgs/" + org + "/audit").then().statusCode(200)
                .body("items.target", hasItems("login:" + issuer + "#s1", "login:https://evil.example#s1"))
                .body("items.after.type", hasItems("urn:hub:problem:jit:email-domain", "urn:hub:problem:jit:wrong-idp"))
                .body("items.after.email", hasItem("eve@evil.example"));
        login("no-such-org-" + unique(4), issuer, "s1", null, false, claims("s1", "eve", null)).statusCode(404);
        login(org, issuer, " ", null, false, null).statusCode(400).body("errors.field", equalTo(List.of("subject")));

        // the IdP deactivated the user over SCIM: the login is refused even though the IdP said yes
        String scimId = UUID.randomUUID().toString();
        String userId = scimAccount(scimId, "mallory", "mallory@" + domain);
        scim.send(change(orgId, scimId, Change.UPDATED, 2, "mallory", "mallory-" + code, "mallory@" + domain, false));
        probe.awaitAtLeast(2, user(userId).and(r -> r.topic().equals(Topics.USER_STATE)));
        login(org, issuer, "s-m", "mallory@" + domain, true, claims("s-m", "mallory", null, "oid", "ext-" + scimId))
                .statusCode(403).body("type", equalTo("urn:hub:problem:jit:account-disabled"));

        // two people whose usernames derive alike: the second is a 409
        login(org, issuer, "s-b1", "bob@" + domain, true, claims("s-b1", "bob", null)).statusCode(200);
        login(org, issuer, "s-b2", "bob2@" + domain, true, claims("s-b2", "bob", null)).statusCode(409)
                .body("type", equalTo("urn:hub:problem:jit:conflict"));

        // basic mode: SSO gates, logins never create accounts
        admin().body(Map.of("ssoMode", "basic")).patch("/admin/orgs/" + org).then().statusCode(200);
        login(org, issuer, "s-n", "new@" + domain, true, claims("s-n", "newbie", null)).statusCode(404)
                .body("type", equalTo("urn:hub:problem:jit:no-account"));
    }

    @Test
    void jitThenScimAndScimThenJitEachYieldOneAccount() {
        // JIT first, then the IdP pushes the same person over SCIM: SCIM takes the JIT account over
        String scimId = UUID.randomUUID().toString();
        String jitUser = login(org, issuer, "s-k", "katherine@" + domain, true,
                claims("s-k", "katherine", null, "oid", "ext-" + scimId)).statusCode(200)
                .body("created", equalTo(true)).extract().path("userId");
        probe.awaitAtLeast(1, user(jitUser).and(type(PROVISIONED)));
        // the JIT account's snapshot: no SCIM user yet, the IdP's externalId
        Rec jitState = probe.awaitAtLeast(1, user(jitUser).and(r -> r.topic().equals(Topics.USER_STATE))).get(0);
        assertFalse(jitState.json().has("scimUserId"), jitState.value());
        assertEquals("ext-" + scimId, jitState.json().get("externalId").asText());
        scim.send(change(orgId, scimId, Change.CREATED, 1, "katherine@" + domain, "katherine-" + code,
                "katherine@" + domain, true));
        Rec state = probe.awaitAtLeast(2, user(jitUser).and(r -> r.topic().equals(Topics.USER_STATE))).get(1);
        assertEquals(2, state.json().get("userVersion").asInt());
        assertEquals(scimId, state.json().get("scimUserId").asText(), "the takeover is announced");
        admin().get("/admin/orgs/" + org + "/users/katherine-" + code).then().statusCode(200)
                .body("id", equalTo(jitUser)).body("scimUserId", equalTo(scimId)).body("source", equalTo("jit"));
        assertEquals(1, probe.matching(type(PROVISIONED).and(r -> r.value().contains("katherine-" + code))).size());
        // SCIM then deactivates it: the JIT login is refused
        scim.send(change(orgId, scimId, Change.UPDATED, 2, "katherine@" + domain, "katherine-" + code,
                "katherine@" + domain, false));
        probe.awaitAtLeast(3, user(jitUser).and(r -> r.topic().equals(Topics.USER_STATE)));
        login(org, issuer, "s-k", "katherine@" + domain, true, claims("s-k", "katherine", null)).statusCode(403);

        // SCIM first, then the first login: linked, not created
        String scim2 = UUID.randomUUID().toString();
        String scimUser = scimAccount(scim2, "dorothy", "dorothy@" + domain);
        login(org, issuer, "s-d", "dorothy@" + domain, true, claims("s-d", "dorothy", null, "oid", "ext-" + scim2))
                .statusCode(200).body("userId", equalTo(scimUser)).body("created", equalTo(false));
        login(org, issuer, "s-d", "dorothy@" + domain, true, claims("s-d", "dorothy", null))
                .statusCode(200).body("userId", equalTo(scimUser)).body("linkedBy", equalTo("idp"));
        admin().get("/admin/orgs/" + org + "/users/dorothy-" + code).then().body("idpSubject", equalTo("s-d"));
    }

    private String scimAccount(String scimId, String userName, String email) {
        scim.send(change(orgId, scimId, Change.CREATED, 1, userName, userName + "-" + code, email, true));
        Rec state = probe.awaitAtLeast(1, r -> r.topic().equals(Topics.USER_STATE)
                && r.value().contains("\"" + userName + "-" + code + "\"")).get(0);
        return state.key();
    }

    private static Predicate<Rec> user(String userId) {
        return r -> userId.equals(r.key());
    }

    private static Predicate<Rec> type(String ceType) {
        return r -> ceType.equals(r.ceType());
    }
}
