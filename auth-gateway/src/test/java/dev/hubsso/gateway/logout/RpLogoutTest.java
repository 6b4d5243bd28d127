package dev.hubsso.gateway.logout;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.gateway.revocation.RevocationIndex;
import dev.hubsso.gateway.session.TestSessions;
import dev.hubsso.gateway.session.TestSessions.Created;
import dev.hubsso.gateway.support.Gateway;
import dev.hubsso.gateway.support.Provisioning;
import dev.hubsso.gateway.support.Provisioning.Account;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RP-initiated logout: the cookie's session is revoked, the cookie cleared, and the browser sent
 * to the real provider's {@code end_session_endpoint} (from its discovery document) with
 * {@code client_id} and a same-origin {@code post_logout_redirect_uri}.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class RpLogoutTest {

    private static final String ORG_ID = UUID.randomUUID().toString();
    private static final String ORG = "rpl" + Long.toString(System.nanoTime() % 1_000_000L, 36);
    private static final String PLAIN_ORG_ID = UUID.randomUUID().toString();
    private static final String PLAIN_ORG = ORG + "p";

    @Inject
    RevocationIndex running;

    @BeforeEach
    void ready() {
        Gateway.awaitReady();
        if (running.orgs().byId(ORG_ID).isEmpty()) {
            TestSessions.publishOrg(ORG_ID, ORG, LogoutIdp.issuer(), LogoutIdp.CLIENT_ID);
            TestSessions.publishOrg(PLAIN_ORG_ID, PLAIN_ORG, null, null);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> running.orgs().byName(ORG).isPresent()
                && running.orgs().byName(PLAIN_ORG).isPresent());
    }

    private static String origin() {
        return "http://localhost:" + RestAssured.port;
    }

    private static Response logout(String cookie, String redirectUri) {
        var request = given().redirects().follow(false);
        if (cookie != null) {
            request.cookie(TestSessions.cookieName(), cookie);
        }
        if (redirectUri != null) {
            request.queryParam("redirect_uri", redirectUri);
        }
        return request.get("/logout");
    }

    private static Map<String, String> query(String location) {
        Map<String, String> q = new HashMap<>();
        String raw = URI.create(location).getRawQuery();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private static void assertClearsCookie(Response r) {
        String setCookie = r.header("Set-Cookie");
        assertTrue(setCookie.startsWith(TestSessions.cookieName() + "=;"), setCookie);
        assertTrue(setCookie.contains("Max-Age=0"), setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("Path=/"), setCookie);
    }

    @Test
    void logoutRevokesTheSessionClearsTheCookieAndEndsTheIdpSession() {
        Account dora = Provisioning.newAccount().provision();
        Created session = TestSessions.create(dora.userId, ORG_ID, ORG, "sub-" + dora.userId, "sid-" + UUID.randomUUID());
        Created other = TestSessions.create(dora.userId, ORG_ID, ORG, "sub-" + dora.userId, null);

        Response r = logout(session.cookie(), null);

        assertEquals(302, r.statusCode());
        assertClearsCookie(r);
        String location = r.header("Location");
        assertTrue(location.startsWith(LogoutIdp.issuer() + "/endsession?"), location);
        Map<String, String> q = query(location);
        assertEquals(LogoutIdp.CLIENT_ID, q.get("client_id"));
        assertEquals(origin() + "/", q.get("post_logout_redirect_uri"));
        assertEquals("logout", TestSessions.revokedReason(session.id()));
        assertTrue(running.isSessionRevoked(dora.userId, session.id(), session.createdAt()));
        assertNull(TestSessions.revokedReason(other.id()), "only the cookie's own session ends");
        assertFalse(running.isSessionRevoked(dora.userId, other.id(), other.createdAt()));

        // the provider's end_session_endpoint sends the browser back where we asked
        Response atIdp = given().redirects().follow(false).get(location);
        assertEquals(302, atIdp.statusCode());
        // (this provider echoes the parameter still percent-encoded)
        assertEquals(origin() + "/", URLDecoder.decode(atIdp.header("Location"), StandardCharsets.UTF_8));

        // a second logout with the same (dead) cookie is harmless
        Response again = logout(session.cookie(), null);
        assertEquals(302, again.statusCode());
        assertClearsCookie(again);
    }

    @Test
    void aSameOriginRedirectIsHonouredAndAForeignOneIgnored() {
        Account eve = Provisioning.newAccount().provision();
        Created a = TestSessions.create(eve.userId, ORG_ID, ORG, "sub-" + eve.userId, null);
        Response r = logout(a.cookie(), "/models?tab=mine");
        assertEquals(origin() + "/models?tab=mine", query(r.header("Location")).get("post_logout_redirect_uri"));

        for (String foreign : new String[] {"https://evil.example/", "//evil.example/x", "/\\evil.example",
                "http://localhost:1/x", "javascript:alert(1)"}) {
            Created b = TestSessions.create(eve.userId, ORG_ID, ORG, "sub-" + eve.userId, null);
            Response f = logout(b.cookie(), foreign);
            assertEquals(302, f.statusCode(), foreign);
            assertEquals(origin() + "/", query(f.header("Location")).get("post_logout_redirect_uri"), foreign);
            assertEquals("logout", TestSessions.revokedReason(b.id()), foreign);
        }
    }

    @Test
    void anOrgWithoutIdpLandsOnTheSite() {
        Account fay = Provisioning.newAccount().provision();
        Created s = TestSessions.create(fay.userId, PLAIN_ORG_ID, PLAIN_ORG, "sub-" + fay.userId, null);
        Response r = logout(s.cookie(), null);
        assertEquals(302, r.statusCode());
        assertEquals(origin() + "/", r.header("Location"));
        assertClearsCookie(r);
        assertEquals("logout", TestSessions.revokedReason(s.id()));
    }

    @Test
    void withoutAValidCookieLogoutStillClearsItAndRedirects() {
        Account gus = Provisioning.newAccount().provision();
        Created s = TestSessions.create(gus.userId, ORG_ID, ORG, "sub-" + gus.userId, null);
        String tampered = s.cookie().substring(0, s.cookie().length() - 2) + (s.cookie().endsWith("AA") ? "BB" : "AA");
        for (String cookie : new String[] {null, "garbage", tampered}) {
            Response r = logout(cookie, null);
            assertEquals(302, r.statusCode(), String.valueOf(cookie));
            assertEquals(origin() + "/", r.header("Location"));
            assertClearsCookie(r);
        }
        assertNull(TestSessions.revokedReason(s.id()), "a tampered cookie revokes nothing");
    }

    @Test
    void aFormPostLogsOutToo() {
        Account hal = Provisioning.newAccount().provision();
        Created s = TestSessions.create(hal.userId, ORG_ID, ORG, "sub-" + hal.userId, null);
        given().redirects().follow(false).cookie(TestSessions.cookieName(), s.cookie())
                .formParam("redirect_uri", "/bye").post("/logout")
                .then().statusCode(302)
                .header("Location", containsString("post_logout_redirect_uri=" + java.net.URLEncoder.encode(
                        origin() + "/bye", StandardCharsets.UTF_8)))
                .header("Set-Cookie", containsString("Max-Age=0"));
        assertEquals("logout", TestSessions.revokedReason(s.id()));

        Created t = TestSessions.create(hal.userId, ORG_ID, ORG, "sub-" + hal.userId, null);
        given().redirects().follow(false).cookie(TestSessions.cookieName(), t.cookie()).post("/logout")
                .then().statusCode(302).header("Location", containsString("/endsession?"))
                .header("Set-Cookie", containsString("Max-Age=0"));
        assertEquals("logout", TestSessions.revokedReason(t.id()));
        given().redirects().follow(false).post("/logout").then().statusCode(302).header("Location", endsWith("/"));
    }
}
