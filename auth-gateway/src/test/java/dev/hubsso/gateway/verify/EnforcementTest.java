package dev.hubsso.gateway.verify;

import static dev.hubsso.gateway.verify.Fixtures.hubCredential;
import static dev.hubsso.gateway.verify.Fixtures.session;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hubsso.events.OrgConfig.SsoMode;
import dev.hubsso.events.SessionRevoked;
import dev.hubsso.gateway.revocation.RevocationIndex;
import dev.hubsso.gateway.session.SessionClaims;
import dev.hubsso.gateway.session.SessionCookieCodec;
import dev.hubsso.gateway.support.Gateway;
import dev.hubsso.gateway.support.Provisioning;
import dev.hubsso.gateway.verify.Fixtures.Org;
import dev.hubsso.gateway.verify.Fixtures.User;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /auth/verify} enforcement with session cookies and hub credentials, against the real
 * broker (orgs and accounts as provisioning publishes them) and the real session registry.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class EnforcementTest {

    private static final String COOKIE = "hub_session";
    private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Inject
    RevocationIndex index;

    @BeforeEach
    void ready() {
        Gateway.awaitReady();
    }

    /** A request that does not follow redirects (the login pages are not served here). */
    private static RequestSpecification given() {
        return io.restassured.RestAssured.given().redirects().follow(false);
    }

    private static RequestSpecification withSession(String cookie) {
        return given().cookie(COOKIE, cookie);
    }

    private static Response verify(RequestSpecification request) {
        return request.get("/auth/verify");
    }

    private static int status(String cookie) {
        return verify(withSession(cookie)).statusCode();
    }

    @Test
    void aGoodSessionPassesWithEveryIdentityHeader() {
        Org org = Fixtures.org(SsoMode.MANAGED, 3600, index);
        User alice = Fixtures.user(org, true, "write", index);
        verify(withSession(session(alice, org))).then().statusCode(200)
                .header("X-Hub-User", alice.username)
                .header("X-Hub-User-Id", alice.userId)
                .header("X-Hub-Org", org.orgId)
                .header("X-Hub-Managed", "true")
                .header("X-Hub-Roles", "write")
                .header("X-Hub-Auth", "sso:" + org.name)
                .header("X-Hub-Scope", nullValue())
                .header("Cache-Control", "no-store");
    }

    @Test
    void tamperedForeignKeyAndGarbageCookiesAreRefused() {
        Org org = Fixtures.org(SsoMode.MANAGED, 3600, index);
        User bob = Fixtures.user(org, true, "read", index);
        String good = session(bob, org);
        assertEquals(200, status(good));

        char[] chars = good.toCharArray();
        int i = chars.length - 10;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        String tampered = new String(chars);

        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        SessionClaims claims = Fixtures.codec().open(good).orElseThrow();
        String sameIdOtherKey = new SessionCookieCodec(List.of("test:" + Base64.getEncoder().encodeToString(otherKey)))
                .seal(claims);
        String otherId = new SessionCookieCodec(List.of("other:" + Base64.getEncoder().encodeToString(otherKey)))
                .seal(claims);

        for (String bad : List.of(tampered, sameIdOtherKey, otherId, "v1.test.AAAA", "garbage")) {
            verify(withSession(bad)).then().statusCode(401)
                    .header("WWW-Authenticate", "Bearer")
                    .contentType("application/problem+json")
                    .header("X-Hub-User", nullValue());
        }
    }

    @Test
    void anExpiredSessionIsRefusedAndABrowserIsSentToItsOrgsLogin() {
        Org org = Fixtures.org(SsoMode.MANAGED, 3600, index);
        User carol = Fixtures.user(org, true, "read", index);
        String expired = session(carol, org, Instant.now().minusSeconds(120), Instant.now().minusSeconds(1));
        verify(withSession(expired)).then().statusCode(401)
                .header("X-Hub-Login", "/login/" + org.name);
        verify(withSession(expired).accept(HTML).header("X-Original-URI", "/models/acme/x?rev=main")
                .header("X-Original-Method", "GET"))
                .then().statusCode(302)
                .header("Location", "/login/" + org.name + "?redirect_uri=%2Fmodels%2Facme%2Fx%3Frev%3Dmain");
        // a browser's POST is not redirected (its body would be lost)
        verify(withSession(expired).accept(HTML).header("X-Original-Method", "POST")).then().statusCode(401);
        // never an open redirect
        verify(withSession(expired).accept(HTML).header("X-Original-URI", "//evil.example/x")).then().statusCode(302)
                .header("Location", "/login/" + org.name);
    }

    @Test
    void aSessionOlderThanTheOrgsMaxAgeIsRefusedAndTheOrgMayShortenItAtRuntime() {
        Org org = Fixtures.org(SsoMode.MANAGED, 3600, index);
        User dan = Fixtures.user(org, true, "read", index);
        Instant inAnHour = Instant.now().plusSeconds(3600);
        String tooOld = session(dan, org, Instant.now().minusSeconds(7200), inAnHour);
        String tenMinutes = session(dan, org, Instant.now().minusSeconds(600), inAnHour);
        assertEquals(401, status(tooOld));
        assertEquals(200, status(tenMinutes));

        org.maxAgeSeconds = 300;
        org.publish(index);
        assertEquals(401, status(tenMinutes));
        assertEquals(200, status(session(dan, org)));
    }

    @Test
    void aRevokedSessionIsRefusedByItsRowAndByItsEvent() {
        Org org = Fixtures.org(SsoMode.MANAGED, 3600, index);
        User erin = Fixtures.user(org, true, "read", index);
        String byRow = session(erin, org);
        Fixtures.revokeRow(Fixtures.sessionIdOf(byRow)); // before this replica ever read it
        assertEquals(401, status(byRow));

        String byEvent = session(erin, org);
        assertEquals(200, status(byEvent)); // now cached here
        Provisioning.publish(new SessionRevoked(UUID.randomUUID().toString(), Instant.now(), erin.userId, org.orgId,
                Fixtures.sessionIdOf(byEvent), null, "logout"));
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5)).until(() -> status(byEvent) == 401);
        assertEquals(200, status(session(erin, org))); // other sessions live on
    }

    @Test
    void aDeactivatedUsersSessionIsRefusedAndStaysDeadAfterReactivation() {
        Org org = Fixtures.org(SsoMode.MANAGED, 3600, index);
        User fay = Fixtures.user(org, true, "read", index);
        String old = session(fay, org);
        assertEquals(200, status(old));

        fay.deactivate();
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5)).until(() -> status(old) == 401);

        fay.reactivate(index);
        assertEquals(401, status(old)); // must log in again
        String fresh = session(fay, org, Instant.now(), Instant.now().plusSeconds(3600));
        assertEquals(200, status(fresh));
    }

    @Test
    void aSessionOfADeletedOrgOrOfAnotherOrgForAManagedUserIsRefused() {
        Org org = Fixtures.org(SsoMode.MANAGED, 3600, index);
        Org other = Fixtures.org(SsoMode.MANAGED, 3600, index);
        User gus = Fixtures.user(org, true, "read", index);
        String foreign = session(gus, other);
        assertEquals(401, status(foreign));
        String sessionOfOrg = session(gus, org);
        assertEquals(200, status(sessionOfOrg));
        // the auth method must name the session's org
        String mislabelled = session(gus.userId, org.orgId, "sso:" + other.name, Instant.now(),
                Instant.now().plusSeconds(60));
        assertEquals(401, status(mislabelled));
        org.delete(index);
        assertEquals(401, status(sessionOfOrg));
    }

    @Test
    void aManagedUsersHubCredentialIsRefusedEverywhere() {
        Org org = Fixtures.org(SsoMode.MANAGED, 3600, index);
        User hal = Fixtures.user(org, true, "admin", index);
        String credential = hubCredential(hal.userId, hal.username);
        given().auth().oauth2("hubpw_" + credential).get("/auth/verify").then().statusCode(401)
                .header("X-Hub-Login", "/login/" + org.name);
        given().cookie("hub_legacy_session", credential).accept(HTML).header("X-Original-URI", "/")
                .get("/auth/verify").then().statusCode(302)
                .header("Location", "/login/" + org.name + "?redirect_uri=%2F");
        // with a good session next to it, the session decides
        given().cookie("hub_legacy_session", credential).cookie(COOKIE, session(hal, org)).get("/auth/verify")
                .then().statusCode(200).header("X-Hub-Auth", "sso:" + org.name);
    }

    @Test
    void aNonManagedUsersHubCredentialPassesAndBadOnesDoNot() {
        // an ordinary hub account the index never heard of
        String id = UUID.randomUUID().toString();
        given().auth().oauth2("hubpw_" + hubCredential(id, "ordinary-ivy")).get("/auth/verify").then().statusCode(200)
                .header("X-Hub-User", "ordinary-ivy")
                .header("X-Hub-User-Id", id)
                .header("X-Hub-Managed", "false")
                .header("X-Hub-Auth", "hub")
                .header("X-Hub-Org", nullValue());
        given().cookie("hub_legacy_session", hubCredential(id, "ordinary-ivy")).get("/auth/verify").then()
                .statusCode(200).header("X-Hub-Auth", "hub");

        // a member of a basic-mode org is not managed: its hub credential passes when the org is not targeted
        Org basic = Fixtures.org(SsoMode.BASIC, 3600, index);
        User jo = Fixtures.user(basic, true, "contributor", index);
        given().auth().oauth2("hubpw_" + hubCredential(jo.userId, jo.username)).get("/auth/verify").then()
                .statusCode(200).header("X-Hub-Managed", "false").header("X-Hub-Roles", "contributor")
                .header("X-Hub-Org", basic.orgId);

        for (String bad : List.of(hubCredential(id, "x", "someone-else", Instant.now().plusSeconds(60)),
                hubCredential(id, "x", "hub", Instant.now().minusSeconds(120)),
                // alg none with the same claims
                "eyJhbGciOiJub25lIn0." + hubCredential(id, "x").split("\\.")[1] + ".")) {
            given().auth().oauth2("hubpw_" + bad).get("/auth/verify").then().statusCode(401);
        }
    }

    @Test
    void aBasicOrgThatEnforcesSsoNeedsItsSsoSessionForItsResources() {
        Org basic = Fixtures.org(SsoMode.BASIC, 3600, index);
        User kim = Fixtures.user(basic, true, "write", index);
        String credential = "hubpw_" + hubCredential(kim.userId, kim.username);

        given().auth().oauth2(credential).header("X-Hub-Target-Org", basic.name).get("/auth/verify").then()
                .statusCode(401).header("X-Hub-Login", "/login/" + basic.name);
        given().cookie("hub_legacy_session", credential.substring("hubpw_".length())).accept(HTML)
                .header("X-Hub-Target-Org", basic.name).header("X-Forwarded-Uri", "/datasets/" + basic.name + "/d")
                .get("/auth/verify").then().statusCode(302)
                .header("Location", "/login/" + basic.name + "?redirect_uri=%2Fdatasets%2F" + basic.name + "%2Fd");

        String sso = session(kim, basic);
        withSession(sso).header("X-Hub-Target-Org", basic.name).get("/auth/verify").then().statusCode(200)
                .header("X-Hub-Auth", "sso:" + basic.name).header("X-Hub-Managed", "false");
        // other hub use is unaffected
        given().auth().oauth2(credential).header("X-Hub-Target-Org", "some-other-org").get("/auth/verify").then()
                .statusCode(200);
        // a non-member reaching the org's (public) resources is not the gateway's business
        given().auth().oauth2("hubpw_" + hubCredential(UUID.randomUUID().toString(), "outsider"))
                .header("X-Hub-Target-Org", basic.name).get("/auth/verify").then().statusCode(200);

        // without an IdP the basic org does not enforce SSO
        Org open = new Org(Fixtures.unique("b"), SsoMode.BASIC, 3600);
        open.withIdp = false;
        open.publish(index);
        User lee = Fixtures.user(open, true, "read", index);
        given().auth().oauth2("hubpw_" + hubCredential(lee.userId, lee.username)).header("X-Hub-Target-Org", open.name)
                .get("/auth/verify").then().statusCode(200);
    }

    @Test
    void withoutAnyCredentialABrowserGoesToTheTargetedOrgOrToDiscovery() {
        Org basic = Fixtures.org(SsoMode.BASIC, 3600, index);
        given().accept(HTML).header("X-Original-URI", "/x").get("/auth/verify").then().statusCode(302)
                .header("Location", "/login?redirect_uri=%2Fx");
        given().accept(HTML).header("X-Hub-Target-Org", basic.name).get("/auth/verify").then().statusCode(302)
                .header("Location", "/login/" + basic.name);
        given().get("/auth/verify").then().statusCode(401).header("X-Hub-Login", "/login");
    }
}
