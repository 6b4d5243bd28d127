package dev.hubsso.gateway.login;

import static dev.hubsso.testsupport.Browser.location;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.events.OrgConfig;
import dev.hubsso.events.OrgConfig.IdpConnection;
import dev.hubsso.events.OrgConfig.SsoMode;
import dev.hubsso.events.UserState;
import dev.hubsso.events.UserState.UserStatus;
import dev.hubsso.gateway.config.GatewayConfig;
import dev.hubsso.gateway.revocation.RevocationIndex;
import dev.hubsso.gateway.session.SessionClaims;
import dev.hubsso.gateway.session.SessionCookieCodec;
import dev.hubsso.gateway.support.Gateway;
import dev.hubsso.gateway.support.Provisioning;
import dev.hubsso.testsupport.Browser;
import dev.hubsso.testsupport.HubInfrastructure;
import dev.hubsso.testsupport.OpenIdProvider;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The login as a browser lives it, against a real OpenID Provider (mock-oauth2-server, one issuer
 * per org), real Kafka (org snapshots) and real PostgreSQL (session registry); provisioning's JIT
 * is {@link JitStandIn}.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = JitStandIn.class, restrictToAnnotatedClass = false)
class LoginFlowTest {

    private static final AtomicInteger SEQ = new AtomicInteger();

    @Inject
    RevocationIndex index;

    @Inject
    GatewayConfig config;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void ready() {
        Gateway.awaitReady();
    }

    // ------------------------------------------------------------------ happy paths

    @Test
    void aMemberLogsInThroughTheirOrgsIdpAndGetsASealedSessionAndARegistryRow() throws Exception {
        TestOrg acme = TestOrg.create("acme", null).publish(this);
        String subject = "alice-" + SEQ.incrementAndGet();
        String userId = JitStandIn.userIdOf(acme.name, subject);
        Provisioning.publish(new UserState(userId, acme.id, subject + "-" + acme.name, true, UserStatus.ACTIVE, "write",
                Map.of(), subject + "@" + acme.domain, null, 1, Instant.now()));

        Browser browser = browser();
        Instant before = Instant.now();
        HttpResponse<String> done = new Login(browser, acme).subject(subject)
                .claims("{\"email\":\"" + subject + "@" + acme.domain + "\",\"email_verified\":true,\"sid\":\"idp-sid-1\","
                        + "\"groups\":[\"ml-eng\"]}")
                .redirectTo("/models/acme/llm?tab=files").run();

        assertEquals(302, done.statusCode(), done.body());
        assertEquals("/models/acme/llm?tab=files", location(done));
        String setCookie = done.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("hub_session=")).findFirst().orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
        assertTrue(setCookie.contains("Path=/"), setCookie);
        assertTrue(setCookie.contains("Max-Age=3600"), setCookie);
        // quarkus-oidc's own session cookie does not outlive the login: the hub session is ours
        assertTrue(browser.cookies().keySet().stream().noneMatch(n -> n.startsWith("q_session")), browser.cookies().toString());

        SessionClaims claims = codec().open(browser.cookies().get("hub_session")).orElseThrow();
        assertEquals(userId, claims.userId());
        assertEquals(acme.id, claims.orgId());
        assertEquals("sso:" + acme.name, claims.authMethod());
        assertTrue(claims.isSsoOf(acme.name));
        assertFalse(claims.authTime().isBefore(before.minusSeconds(5)));
        assertTrue(Math.abs(Duration.between(Instant.now().plusSeconds(3600), claims.expiresAt()).toSeconds()) < 30);

        try (Connection db = db(); ResultSet row = db.createStatement().executeQuery(
                "select * from gateway.sessions where id = '" + claims.sessionId() + "'")) {
            assertTrue(row.next(), "a registry row for the cookie's session");
            assertEquals(userId, row.getString("user_id"));
            assertEquals(acme.id, row.getString("org_id"));
            assertEquals("sso:" + acme.name, row.getString("auth_method"));
            assertEquals(subject, row.getString("idp_subject"));
            assertEquals("idp-sid-1", row.getString("idp_sid"));
            assertEquals(Browser.USER_AGENT, row.getString("user_agent"));
            assertNull(row.getTimestamp("revoked_at"));
            assertEquals(claims.expiresAt(), row.getTimestamp("expires_at").toInstant());
        }

        // provisioning got the verified claims, all of them
        var jit = JitStandIn.requestsFor(subject);
        assertEquals(1, jit.size());
        assertEquals(acme.name, jit.get(0).path("org").asText());
        assertEquals(acme.issuer, jit.get(0).path("issuer").asText());
        assertEquals(subject + "@" + acme.domain, jit.get(0).path("email").asText());
        assertTrue(jit.get(0).path("email_verified").asBoolean());
        assertEquals("ml-eng", jit.get(0).path("claims").path("groups").path(0).asText());
        assertEquals(acme.clientId, jit.get(0).path("claims").path("aud").isArray()
                ? jit.get(0).path("claims").path("aud").path(0).asText() : jit.get(0).path("claims").path("aud").asText());
    }

    @Test
    void aSecondOrgLogsInThroughItsOwnIdpWithAConfidentialClientWhoseSecretIsAFile() throws Exception {
        Path secret = Files.createTempFile("globex-client-secret", "");
        Files.writeString(secret, "globex-s3cret\n");
        TestOrg globex = TestOrg.create("globex", "file:" + secret).publish(this);
        TestOrg acme = TestOrg.create("acme", null).publish(this);
        assertNotEquals(globex.issuer, acme.issuer);

        Browser browser = browser();
        Login login = new Login(browser, globex).subject("bob");
        HttpResponse<String> done = login.run();
        assertEquals(302, done.statusCode(), done.body());
        assertTrue(login.authorizeUrl.startsWith(globex.issuer + "/authorize"), login.authorizeUrl);
        SessionClaims claims = codec().open(browser.cookies().get("hub_session")).orElseThrow();
        assertEquals(globex.id, claims.orgId());
        assertEquals("sso:" + globex.name, claims.authMethod());
        assertEquals(JitStandIn.userIdOf(globex.name, "bob"), claims.userId());
    }

    // ------------------------------------------------------------------ the code flow refuses

    @Test
    void aCallbackWithAForgedOrMissingStateCreatesNoSession() {
        TestOrg acme = TestOrg.create("acme", null).publish(this);
        for (String tamper : List.of("forged", "missing")) {
            String subject = "mallory-" + tamper + SEQ.incrementAndGet();
            Browser browser = browser();
            Login login = new Login(browser, acme).subject(subject);
            String callback = login.untilCallback();
            String tampered = tamper.equals("forged") ? callback.replaceAll("state=[^&]+", "state=forged")
                    : callback.replaceAll("[&?]state=[^&]+", "");
            HttpResponse<String> r = browser.get(tampered);
            assertEquals(401, r.statusCode(), tamper + ": " + r.body());
            assertProblem(r);
            assertFalse(browser.cookies().containsKey("hub_session"));
            assertTrue(JitStandIn.requestsFor(subject).isEmpty(), "no login reached provisioning");
        }
    }

    @Test
    void aReplayedCallbackCreatesNoSecondSession() throws Exception {
        TestOrg acme = TestOrg.create("acme", null).publish(this);
        String subject = "carol-" + SEQ.incrementAndGet();
        Browser browser = browser();
        Login login = new Login(browser, acme).subject(subject);
        String callback = login.untilCallback();
        Browser attacker = browser.copy(); // the same state cookie, and the same code and state
        HttpResponse<String> done = login.finish(callback);
        assertEquals(302, done.statusCode(), done.body());
        assertTrue(browser.cookies().containsKey("hub_session"));

        HttpResponse<String> replay = attacker.get(callback);
        for (int hops = 0; replay.statusCode() == 302 && location(replay).startsWith("/login/") && hops < 3; hops++) {
            replay = attacker.get(location(replay));
        }
        assertFalse(replay.statusCode() == 302 && !location(replay).contains("/authorize"),
                "the replay must not complete: " + replay.statusCode() + " " + replay.headers().map());
        assertFalse(attacker.cookies().containsKey("hub_session"));
        assertEquals(1, sessionsOf(subject));
    }

    @Test
    void aReplayedOidcSessionCookieCreatesNoSecondSession() throws Exception {
        TestOrg acme = TestOrg.create("acme", null).publish(this);
        String subject = "oscar-" + SEQ.incrementAndGet();
        Browser browser = browser();
        Login login = new Login(browser, acme).subject(subject);
        HttpResponse<String> afterCallback = browser.get(login.untilCallback());
        assertEquals(302, afterCallback.statusCode(), afterCallback.body());
        String back = location(afterCallback);
        assertTrue(browser.cookies().keySet().stream().anyMatch(n -> n.startsWith("q_session")), "verified once");
        Browser attacker = browser.copy(); // holds the short-lived quarkus-oidc session of this login

        HttpResponse<String> done = browser.get(back);
        assertEquals(302, done.statusCode(), done.body());
        assertTrue(browser.cookies().containsKey("hub_session"));

        HttpResponse<String> replay = attacker.get(back);
        assertEquals(403, replay.statusCode(), replay.body());
        assertProblem(replay);
        assertFalse(attacker.cookies().containsKey("hub_session"));
        assertEquals(1, sessionsOf(subject));
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() {
        assertRefusedByVerification("{\"nonce\":\"not-the-one-we-sent\"}");
    }

    @Test
    void anIdTokenForAnotherAudienceIsRefused() {
        assertRefusedByVerification("{\"aud\":[\"some-other-client\"]}");
    }

    @Test
    void anExpiredIdTokenIsRefused() {
        long past = Instant.now().minusSeconds(3600).getEpochSecond();
        assertRefusedByVerification("{\"exp\":" + past + ",\"iat\":" + (past - 60) + "}");
    }

    private void assertRefusedByVerification(String claims) {
        TestOrg acme = TestOrg.create("acme", null).publish(this);
        String subject = "eve-" + SEQ.incrementAndGet();
        Browser browser = browser();
        Login login = new Login(browser, acme).subject(subject).claims(claims);
        HttpResponse<String> r = browser.get(login.untilCallback());
        assertEquals(401, r.statusCode(), r.body());
        assertProblem(r);
        assertFalse(browser.cookies().containsKey("hub_session"));
        assertTrue(JitStandIn.requestsFor(subject).isEmpty());
    }

    // ------------------------------------------------------------------ orgs change at runtime

    @Test
    void anUnknownOrgIs404() {
        HttpResponse<String> r = browser().get("/login/no-such-org-" + SEQ.incrementAndGet());
        assertEquals(404, r.statusCode());
        assertProblem(r);
    }

    @Test
    void anOrgWithoutAnIdpIs409() {
        TestOrg bare = TestOrg.create("bare", null);
        bare.publish(this, null, 1, false);
        HttpResponse<String> r = browser().get("/login/" + bare.name);
        assertEquals(409, r.statusCode(), r.body());
        assertProblem(r);
    }

    @Test
    void aDeletedOrgsLoginsStopWithoutARestartEvenMidFlow() {
        TestOrg acme = TestOrg.create("acme", null).publish(this);
        Browser browser = browser();
        Login login = new Login(browser, acme).subject("dave");
        String callback = login.untilCallback();

        acme.publish(this, acme.idp(), 2, true);
        HttpResponse<String> r = browser.get(callback);
        assertEquals(404, r.statusCode(), r.body());
        assertProblem(r);
        assertEquals(404, browser().get("/login/" + acme.name).statusCode());
        assertFalse(browser.cookies().containsKey("hub_session"));
    }

    @Test
    void anOrgMovedToAnotherIssuerLogsInThereWithoutARestart() {
        TestOrg acme = TestOrg.create("acme", null).publish(this);
        assertEquals(302, new Login(browser(), acme).subject("frank").run().statusCode());

        String newIssuer = OpenIdProvider.shared().issuer(acme.name + "-moved");
        acme.issuer = newIssuer;
        acme.publish(this, acme.idp(), 2, false);
        Browser browser = browser();
        Login login = new Login(browser, acme).subject("frank");
        HttpResponse<String> done = login.run();
        assertEquals(302, done.statusCode(), done.body());
        assertTrue(login.authorizeUrl.startsWith(newIssuer + "/authorize"), login.authorizeUrl);
        assertEquals(newIssuer, JitStandIn.requestsFor("frank").get(JitStandIn.requestsFor("frank").size() - 1)
                .path("issuer").asText());
        assertTrue(browser.cookies().containsKey("hub_session"));
    }

    @Test
    void anUnresolvableClientSecretFailsClosedWith503() {
        for (String ref : List.of("vault:secret/data/acme#client", "file:/nonexistent/secret", "env:HUB_TEST_UNSET_SECRET_VAR")) {
            TestOrg org = TestOrg.create("sealed", ref).publish(this);
            HttpResponse<String> r = browser().get("/login/" + org.name);
            assertEquals(503, r.statusCode(), ref + ": " + r.body());
            assertProblem(r);
            assertTrue(r.body().contains("client secret not resolvable"), r.body());
            assertFalse(r.body().contains("secret/data"), "the reference's detail stays in the log");
        }
    }

    // ------------------------------------------------------------------ provisioning and the account

    @Test
    void aLoginProvisioningRefusesIs403AndLeavesNoSession() throws Exception {
        TestOrg acme = TestOrg.create("acme", null).publish(this);
        String subject = "refused-" + SEQ.incrementAndGet();
        JitStandIn.answer(subject, 403);
        Browser browser = browser();
        HttpResponse<String> r = new Login(browser, acme).subject(subject).run();
        assertEquals(403, r.statusCode(), r.body());
        assertProblem(r);
        assertTrue(r.body().contains("login refused"), r.body());
        assertFalse(browser.cookies().containsKey("hub_session"));
        assertTrue(browser.cookies().keySet().stream().noneMatch(n -> n.startsWith("q_session")));
        assertEquals(0, sessionsOf(subject));
        assertEquals(1, JitStandIn.requestsFor(subject).size());
    }

    @Test
    void provisioningFailingIs503() throws Exception {
        TestOrg acme = TestOrg.create("acme", null).publish(this);
        String subject = "unlucky-" + SEQ.incrementAndGet();
        JitStandIn.answer(subject, 500);
        HttpResponse<String> r = new Login(browser(), acme).subject(subject).run();
        assertEquals(503, r.statusCode(), r.body());
        assertProblem(r);
        assertEquals(0, sessionsOf(subject));
    }

    @Test
    void anAccountTheIndexKnowsAsDeactivatedCannotLogInEvenIfProvisioningSaysYes() throws Exception {
        TestOrg acme = TestOrg.create("acme", null).publish(this);
        String subject = "gone-" + SEQ.incrementAndGet();
        String userId = JitStandIn.userIdOf(acme.name, subject);
        Provisioning.publish(new UserState(userId, acme.id, subject, true, UserStatus.DEACTIVATED, "read", Map.of(),
                null, Instant.now(), 2, Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> index.user(userId).isPresent());
        HttpResponse<String> r = new Login(browser(), acme).subject(subject).run();
        assertEquals(403, r.statusCode(), r.body());
        assertEquals(0, sessionsOf(subject));
    }

    // ------------------------------------------------------------------ redirects and discovery

    @Test
    void anOffSiteRedirectIsRefusedBeforeAnythingElse() {
        TestOrg acme = TestOrg.create("acme", null).publish(this);
        for (String evil : List.of("https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)")) {
            HttpResponse<String> r = browser().get("/login/" + acme.name + "?redirect_uri="
                    + java.net.URLEncoder.encode(evil, java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(400, r.statusCode(), evil);
            assertProblem(r);
            HttpResponse<String> d = browser().get("/login?email=a@" + acme.domain + "&redirect_uri="
                    + java.net.URLEncoder.encode(evil, java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(400, d.statusCode(), evil);
        }
    }

    @Test
    void emailDiscoveryRedirectsToTheOrgOfTheDomain() {
        TestOrg acme = TestOrg.create("acme", null).publish(this);
        TestOrg globex = TestOrg.create("globex", null).publish(this);
        HttpResponse<String> r = browser().get("/login?email=alice@" + acme.domain.toUpperCase()
                + "&redirect_uri=%2Fdatasets%3Fq%3D1");
        assertEquals(302, r.statusCode(), r.body());
        assertEquals("/login/" + acme.name + "?redirect_uri=%2Fdatasets%3Fq%3D1", location(r));
        assertEquals("/login/" + globex.name, location(browser().get("/login?email=bob@" + globex.domain)));

        // the discovered login then starts at that org's IdP
        HttpResponse<String> start = browser().get(location(r));
        assertEquals(302, start.statusCode(), start.body());
        assertTrue(location(start).startsWith(acme.issuer + "/authorize"), location(start));

        HttpResponse<String> unknown = browser().get("/login?email=carol@unknown-" + SEQ.incrementAndGet() + ".example");
        assertEquals(404, unknown.statusCode());
        assertProblem(unknown);
        for (String bad : List.of("", "?email=", "?email=not-an-email", "?email=a@b@c")) {
            HttpResponse<String> b = browser().get("/login" + bad);
            assertEquals(400, b.statusCode(), bad);
            assertProblem(b);
        }
    }

    @Test
    void theLoginStartsACodeFlowWithPkceStateAndNonce() {
        TestOrg acme = TestOrg.create("acme", null).publish(this);
        HttpResponse<String> r = browser().get("/login/" + acme.name);
        assertEquals(302, r.statusCode(), r.body());
        URI authorize = URI.create(location(r));
        String q = authorize.getRawQuery();
        assertTrue(location(r).startsWith(acme.issuer + "/authorize"), location(r));
        assertTrue(q.contains("response_type=code"), q);
        assertTrue(q.contains("client_id=" + acme.clientId), q);
        assertTrue(q.contains("code_challenge_method=S256") && q.contains("code_challenge="), q);
        assertTrue(q.contains("state=") && q.contains("nonce="), q);
        assertTrue(q.contains("scope=openid"), q);
        assertTrue(r.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("q_auth_")),
                "the state cookie");
    }

    // ------------------------------------------------------------------ helpers

    private Browser browser() {
        return new Browser(URI.create(base.toString()));
    }

    private SessionCookieCodec codec() {
        return new SessionCookieCodec(config.session().keys());
    }

    private static void assertProblem(HttpResponse<String> r) {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                r.statusCode() + " " + r.headers().map() + " " + r.body());
        assertTrue(r.body().contains("\"status\":" + r.statusCode()), r.body());
    }

    private static Connection db() throws Exception {
        var c = ConfigProvider.getConfig();
        return DriverManager.getConnection(c.getValue("quarkus.datasource.jdbc.url", String.class),
                c.getValue("quarkus.datasource.username", String.class),
                c.getValue("quarkus.datasource.password", String.class));
    }

    private static int sessionsOf(String subject) throws Exception {
        try (Connection db = db(); var st = db.prepareStatement("select count(*) from gateway.sessions where idp_subject = ?")) {
            st.setString(1, subject);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** An org with its own issuer on the shared provider. */
    static final class TestOrg {
        final String id = java.util.UUID.randomUUID().toString();
        final String name;
        final String domain;
        final String clientId;
        final String secretRef;
        String issuer;

        private TestOrg(String prefix, String secretRef) {
            int n = SEQ.incrementAndGet();
            this.name = prefix + "-" + Long.toString(System.nanoTime() % 1_000_000L, 36) + n;
            this.domain = name + ".example";
            this.clientId = "hub-gateway-" + name;
            this.secretRef = secretRef;
            this.issuer = OpenIdProvider.shared().issuer(name);
        }

        static TestOrg create(String prefix, String secretRef) {
            return new TestOrg(prefix, secretRef);
        }

        IdpConnection idp() {
            return new IdpConnection(issuer, clientId, secretRef, List.of("openid", "email", "profile"));
        }

        TestOrg publish(LoginFlowTest test) {
            return publish(test, idp(), 1, false);
        }

        TestOrg publish(LoginFlowTest test, IdpConnection idp, long version, boolean deleted) {
            Provisioning.publish(new OrgConfig(id, name, name.substring(0, 3), SsoMode.MANAGED, false, 3600,
                    List.of(domain), "read", List.of(), idp, version, deleted, Instant.now()));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> deleted
                    ? test.index.orgs().byId(id).isEmpty()
                    : test.index.orgs().byId(id).map(o -> o.version() == version).orElse(false));
            return this;
        }
    }

    /** One login, hop by hop. */
    static final class Login {
        final Browser browser;
        final TestOrg org;
        String subject = "user";
        String claims = "";
        String redirect;
        String authorizeUrl;

        Login(Browser browser, TestOrg org) {
            this.browser = browser;
            this.org = org;
        }

        Login subject(String s) {
            this.subject = s;
            return this;
        }

        Login claims(String c) {
            this.claims = c;
            return this;
        }

        Login redirectTo(String r) {
            this.redirect = r;
            return this;
        }

        /** Starts at the gateway and signs in at the IdP; returns the callback URL the IdP sends the browser to. */
        String untilCallback() {
            String start = "/login/" + org.name + (redirect == null ? ""
                    : "?redirect_uri=" + java.net.URLEncoder.encode(redirect, java.nio.charset.StandardCharsets.UTF_8));
            HttpResponse<String> toIdp = browser.get(start);
            assertEquals(302, toIdp.statusCode(), toIdp.body());
            authorizeUrl = location(toIdp);
            assertTrue(authorizeUrl.startsWith(org.issuer + "/authorize"), authorizeUrl);
            HttpResponse<String> form = browser.get(authorizeUrl);
            assertEquals(200, form.statusCode(), form.body());
            assertTrue(form.body().contains("name=\"username\""), "the IdP's login form");
            HttpResponse<String> back = browser.postForm(authorizeUrl, Map.of("username", subject, "claims", claims));
            assertEquals(302, back.statusCode(), back.body());
            return location(back);
        }

        /** Follows the callback and the gateway's own redirects until the gateway lets go. */
        HttpResponse<String> finish(String callback) {
            HttpResponse<String> r = browser.get(callback);
            for (int hops = 0; r.statusCode() == 302 && isGatewayLogin(location(r)) && hops < 3; hops++) {
                r = browser.get(location(r));
            }
            return r;
        }

        HttpResponse<String> run() {
            return finish(untilCallback());
        }

        private boolean isGatewayLogin(String location) {
            return location.startsWith("/login/") || location.contains("/login/" + org.name) && !location.contains("/authorize");
        }
    }
}
