package dev.hubsso.gateway.logout;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.gateway.config.GatewayConfig;
import dev.hubsso.gateway.revocation.RevocationIndex;
import dev.hubsso.gateway.session.SessionRecord;
import dev.hubsso.gateway.session.SessionRegistry;
import dev.hubsso.gateway.session.SessionRepository;
import dev.hubsso.gateway.session.TestSessions;
import dev.hubsso.gateway.session.TestSessions.Created;
import dev.hubsso.gateway.support.Gateway;
import dev.hubsso.gateway.support.Provisioning;
import dev.hubsso.gateway.support.Provisioning.Account;
import dev.hubsso.testsupport.HubInfrastructure;
import dev.hubsso.testsupport.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OIDC Back-Channel Logout against a real OpenID Provider: genuinely IdP-signed logout tokens
 * revoke the sessions they name on this replica and on a second, independent replica (over the
 * real broker), and a replica started afterwards still refuses them through the registry. Every
 * kind of invalid token is refused with 400 and revokes nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class BackchannelLogoutTest {

    private static final String ORG_ID = UUID.randomUUID().toString();
    private static final String ORG = "bcl" + Long.toString(System.nanoTime() % 1_000_000L, 36);
    private static final String OTHER_ORG_ID = UUID.randomUUID().toString();
    private static final String OTHER_ORG = ORG + "x";

    private static RevocationIndex otherReplica;

    @Inject
    RevocationIndex running;

    @Inject
    SessionRepository repository;

    @Inject
    GatewayConfig config;

    @BeforeAll
    static void secondReplica() {
        otherReplica = new RevocationIndex();
        otherReplica.follow("bcl-other-replica", KafkaBroker.shared().bootstrapServers(), Map.of());
    }

    @AfterAll
    static void stopSecondReplica() {
        otherReplica.close();
    }

    @BeforeEach
    void ready() {
        Gateway.awaitReady();
        if (running.orgs().byId(ORG_ID).isEmpty()) {
            TestSessions.publishOrg(ORG_ID, ORG, LogoutIdp.issuer(), LogoutIdp.CLIENT_ID);
            TestSessions.publishOrg(OTHER_ORG_ID, OTHER_ORG, LogoutIdp.issuer(), LogoutIdp.CLIENT_ID);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> running.orgs().byName(ORG).isPresent()
                && running.orgs().byName(OTHER_ORG).isPresent());
        await().atMost(Duration.ofSeconds(30)).until(otherReplica::isReady);
    }

    private static Response post(String org, String token) {
        return given().formParam("logout_token", token).post("/login/" + org + "/backchannel-logout");
    }

    private static String sid() {
        return "sid-" + UUID.randomUUID();
    }

    @Test
    void aLogoutTokenBySidRevokesThatSessionOnEveryReplicaAndIsNotAcceptedTwice() {
        Account alice = Provisioning.newAccount().provision();
        String sub = "sub-" + alice.userId;
        String sid = sid();
        Created ended = TestSessions.create(alice.userId, ORG_ID, ORG, sub, sid);
        Created kept = TestSessions.create(alice.userId, ORG_ID, ORG, sub, sid());
        await().atMost(Duration.ofSeconds(10)).until(() -> running.user(alice.userId).isPresent());
        assertFalse(otherReplica.isSessionRevoked(alice.userId, ended.id(), ended.createdAt()));
        given().cookie(TestSessions.cookieName(), ended.cookie()).get("/api/sessions").then().statusCode(200);

        String token = LogoutIdp.bySid(sub, sid);
        post(ORG, token).then().statusCode(200).header("Cache-Control", "no-store");

        assertEquals("backchannel-logout", TestSessions.revokedReason(ended.id()));
        assertNull(TestSessions.revokedReason(kept.id()), "another IdP session of the same user stays");
        assertTrue(running.isSessionRevoked(alice.userId, ended.id(), ended.createdAt()));
        // the second replica hears it from auth.session-revocations.v1, through outbox and relay
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> otherReplica.isSessionRevoked(alice.userId, ended.id(), ended.createdAt()));
        assertFalse(otherReplica.isSessionRevoked(alice.userId, kept.id(), kept.createdAt()));
        assertFalse(running.isSessionRevoked(alice.userId, kept.id(), kept.createdAt()));
        given().cookie(TestSessions.cookieName(), ended.cookie()).get("/api/sessions").then().statusCode(401);
        given().cookie(TestSessions.cookieName(), kept.cookie()).get("/api/sessions").then().statusCode(200)
                .body("id", equalTo(List.of(kept.id())));

        // the same token again (same jti): a replay
        post(ORG, token).then().statusCode(400).header("Cache-Control", "no-store")
                .body("error", equalTo("invalid_request"))
                .body("error_description", containsString("jti"));

        // a replica started after the event went by follows the topic from its end: its index has
        // not seen the revocation, the registry row says it
        try (RevocationIndex restarted = new RevocationIndex()) {
            restarted.follow("bcl-restarted-replica", KafkaBroker.shared().bootstrapServers(), Map.of());
            await().atMost(Duration.ofSeconds(30)).until(restarted::isReady);
            assertFalse(restarted.isSessionRevoked(alice.userId, ended.id(), ended.createdAt()),
                    "the index alone does not know");
            SessionRegistry registry = new SessionRegistry(repository, restarted, config);
            SessionRecord endedThere = TestSessions.onVertx(() -> registry.find(ended.id()));
            assertTrue(endedThere.revoked());
            assertFalse(endedThere.aliveAt(java.time.Instant.now()));
            assertTrue(TestSessions.onVertx(() -> registry.find(kept.id())).aliveAt(java.time.Instant.now()));
        }
    }

    @Test
    void aLogoutTokenBySubRevokesAllTheOrgsSessionsOfThatSubject() {
        Account bob = Provisioning.newAccount().provision();
        String sub = "sub-" + bob.userId;
        Created one = TestSessions.create(bob.userId, ORG_ID, ORG, sub, sid());
        Created two = TestSessions.create(bob.userId, ORG_ID, ORG, sub, null);
        Created otherOrg = TestSessions.create(bob.userId, OTHER_ORG_ID, OTHER_ORG, sub, sid());

        String token = LogoutIdp.token(LogoutIdp.ISSUER, "logout-sub", Map.of("sub", sub, "aud", LogoutIdp.CLIENT_ID));
        post(ORG, token).then().statusCode(200).header("Cache-Control", "no-store");

        assertEquals("backchannel-logout", TestSessions.revokedReason(one.id()));
        assertEquals("backchannel-logout", TestSessions.revokedReason(two.id()));
        assertNull(TestSessions.revokedReason(otherOrg.id()), "the same subject's session of another org stays");
        await().atMost(Duration.ofSeconds(10)).until(() -> otherReplica.isSessionRevoked(bob.userId, one.id(), one.createdAt())
                && otherReplica.isSessionRevoked(bob.userId, two.id(), two.createdAt()));
        assertFalse(otherReplica.isSessionRevoked(bob.userId, otherOrg.id(), otherOrg.createdAt()));
    }

    @Test
    void aValidTokenNamingNoSessionIsStillA200() {
        post(ORG, LogoutIdp.bySid("sub-nobody", sid())).then().statusCode(200).header("Cache-Control", "no-store");
    }

    @Test
    void invalidTokensAreRefusedAndRevokeNothing() throws Exception {
        Account carol = Provisioning.newAccount().provision();
        String sub = "sub-" + carol.userId;
        String sid = sid();
        Created session = TestSessions.create(carol.userId, ORG_ID, ORG, sub, sid);
        Map<String, String> claims = Map.of("sub", sub, "sid", sid, "aud", LogoutIdp.CLIENT_ID);
        String genuine = LogoutIdp.bySid(sub, sid);

        // each refused token, and what the answer must say about it (a regular expression)
        List<String[]> refused = List.of(
                new String[] {"nonce", LogoutIdp.token(LogoutIdp.ISSUER, "logout-nonce", claims), "nonce"},
                new String[] {"no events", LogoutIdp.token(LogoutIdp.ISSUER, "logout-noevents", claims), "events"},
                new String[] {"another event", LogoutIdp.token(LogoutIdp.ISSUER, "logout-wrongevents", claims), "events"},
                new String[] {"wrong aud", LogoutIdp.token(LogoutIdp.ISSUER, "logout",
                        Map.of("sub", sub, "sid", sid, "aud", "some-other-client")), "aud"},
                // signed by the other issuer's own key: refused at the key or the signature, before iss is read
                new String[] {"other issuer", LogoutIdp.token(LogoutIdp.OTHER_ISSUER, "logout", claims),
                        "signature|key the IdP does not publish"},
                new String[] {"key not in the JWKS, no kid", resign(genuine, null),
                        "signature|key the IdP does not publish"},
                new String[] {"key not in the JWKS, unknown kid", resign(genuine, "rotated-" + sid), "key the IdP does not publish"},
                new String[] {"key not in the JWKS, IdP's kid", resign(genuine, header(genuine, "kid")), "signature"},
                new String[] {"alg none", unsigned(genuine), "none"},
                new String[] {"HS256 with the public key", hmacWithPublicKey(genuine), "HS256"},
                new String[] {"not a JWT", "not-a-jwt", "not a JWT"},
                new String[] {"tampered payload", tamper(genuine), "signature"});

        for (String[] c : refused) {
            Response r = post(ORG, c[1]);
            assertEquals(400, r.statusCode(), c[0]);
            assertEquals("no-store", r.header("Cache-Control"), c[0]);
            assertEquals("invalid_request", r.jsonPath().getString("error"), c[0]);
            String description = r.jsonPath().getString("error_description");
            assertTrue(java.util.regex.Pattern.compile(c[2]).matcher(description).find(), c[0] + ": " + description);
        }
        given().formParam("other", "x").post("/login/" + ORG + "/backchannel-logout").then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        // a genuine token sent to an org that does not exist: the same 400, revealing nothing
        post("no-such-org-" + UUID.randomUUID(), genuine).then().statusCode(400).body("error", equalTo("invalid_request"));

        assertNull(TestSessions.revokedReason(session.id()), "no refused token revoked anything");
        assertFalse(running.isSessionRevoked(carol.userId, session.id(), session.createdAt()));

        // and the genuine one still works: the refusals above did not consume its jti
        post(ORG, genuine).then().statusCode(200);
        assertEquals("backchannel-logout", TestSessions.revokedReason(session.id()));
    }

    // ------------------------------------------------------------------ forged tokens

    private static String part(String token, int i) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[i]), StandardCharsets.UTF_8);
    }

    private static String header(String token, String name) throws Exception {
        return (String) org.jose4j.json.JsonUtil.parseJson(part(token, 0)).get(name);
    }

    /** The same claims signed with a key generated here, which the IdP does not publish. */
    private static String resign(String token, String kid) throws Exception {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(part(token, 1));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        if (kid != null) {
            jws.setKeyIdHeaderValue(kid);
        }
        jws.setKey(key.getPrivateKey());
        return jws.getCompactSerialization();
    }

    private static String unsigned(String token) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + token.split("\\.")[1] + ".";
    }

    /** HS256 keyed with the IdP's public key bytes (the classic algorithm confusion attack). */
    private static String hmacWithPublicKey(String token) throws Exception {
        String jwks = given().get(LogoutIdp.issuer() + "/jwks").then().statusCode(200).extract().asString();
        JsonWebKey idpKey = new JsonWebKeySet(jwks).getJsonWebKeys().get(0);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(part(token, 1));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKeyIdHeaderValue(idpKey.getKeyId());
        jws.setKey(new HmacKey(((RsaJsonWebKey) idpKey).getPublicKey().getEncoded()));
        jws.setDoKeyValidation(false);
        return jws.getCompactSerialization();
    }

    /** The IdP's signature over a payload naming another session. */
    private static String tamper(String token) {
        String[] p = token.split("\\.");
        String payload = part(token, 1).replace("\"sid\":\"", "\"sid\":\"x");
        return p[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + p[2];
    }
}
