package dev.hubsso.gateway.verify;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hubsso.events.SessionRevoked;
import dev.hubsso.events.UserState.UserStatus;
import dev.hubsso.gateway.revocation.RevocationIndex;
import dev.hubsso.gateway.support.Gateway;
import dev.hubsso.gateway.support.Provisioning;
import dev.hubsso.gateway.support.Provisioning.Account;
import dev.hubsso.gateway.tokens.TokenCredentials;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /auth/verify}: good tokens pass with identity headers; every lifecycle change is honoured.
 * The accounts are managed, so their tokens are created from SSO sessions ({@code POST /api/tokens}).
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class VerifyResourceTest {

    private static final Logger LOG = Logger.getLogger(VerifyResourceTest.class);

    @Inject
    RevocationIndex index;

    @BeforeEach
    void ready() {
        Gateway.awaitReady();
    }

    @Test
    void deactivationRefusesTheTokenWithinASecond() {
        Account alice = Provisioning.newAccount().withOrg().provision();
        String token = Gateway.ssoToken(alice);
        Gateway.verify(token).then().statusCode(200).header("X-Hub-User", alice.username);

        // The lifecycle event alone (no snapshot) must be enough.
        long start = System.nanoTime();
        Provisioning.publish(alice.deactivatedEvent(Instant.now()));
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> Gateway.verifyStatus(token) == 401);
        LOG.infof("deactivation -> 401 in %d ms", (System.nanoTime() - start) / 1_000_000);
        Gateway.verify(token).then().statusCode(401).header("WWW-Authenticate", "Bearer");
    }

    @Test
    void theIdpsScimDeactivationAloneRefusesTheTokenBeforeProvisioningSpeaks() {
        Account bob = Provisioning.newAccount().withOrg().provision();
        String token = Gateway.ssoToken(bob);
        Gateway.verify(token).then().statusCode(200);

        Provisioning.publish(bob.scimChange(2, false));
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> Gateway.verifyStatus(token) == 401);
        assertEquals(401, Gateway.createSsoToken(bob).statusCode(), "no new token while the IdP refuses bob");

        // The IdP reactivates: the fence lifts, and the account (never deactivated by provisioning) is back.
        Provisioning.publish(bob.scimChange(3, true));
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> Gateway.verifyStatus(token) == 200);
    }

    @Test
    void reactivationDoesNotReviveOldTokensButNewOnesWork() {
        Account bob = Provisioning.newAccount().withOrg().provision();
        String old = Gateway.ssoToken(bob);
        Gateway.verify(old).then().statusCode(200);

        bob.deactivate();
        await().atMost(Duration.ofSeconds(2)).until(() -> Gateway.verifyStatus(old) == 401);

        bob.reactivate(); // higher version
        String fresh = Gateway.ssoToken(bob); // 201 only once active again, from a new login
        Gateway.verify(fresh).then().statusCode(200).header("X-Hub-User", bob.username);
        Gateway.verify(old).then().statusCode(401);
    }

    @Test
    void deletedUserIsRefused() {
        Account carol = Provisioning.newAccount().withOrg().provision();
        String token = Gateway.ssoToken(carol);
        Gateway.verify(token).then().statusCode(200);

        Provisioning.publish(carol.deletedEvent());
        await().atMost(Duration.ofSeconds(2)).until(() -> Gateway.verifyStatus(token) == 401);
        assertEquals(401, Gateway.createSsoToken(carol).statusCode(), "no new token for a deleted user");
    }

    @Test
    void aStaleSnapshotAfterADeactivationDoesNotReactivate() throws Exception {
        Account dave = Provisioning.newAccount().withOrg().provision(); // v1 event + v1 ACTIVE snapshot
        String token = Gateway.ssoToken(dave);
        dave.deactivate(); // v2
        await().atMost(Duration.ofSeconds(2)).until(() -> Gateway.verifyStatus(token) == 401);

        // A late copy of the v1 ACTIVE snapshot (redelivery, or a lagging partition) arrives.
        RecordMetadata stale = Provisioning.publish(dave.snapshot(1, UserStatus.ACTIVE, null));
        awaitHandled(stale);
        assertEquals(UserStatus.DEACTIVATED, index.user(dave.userId).orElseThrow().status());
        Gateway.verify(token).then().statusCode(401);
        assertEquals(401, Gateway.createSsoToken(dave).statusCode(), "no new token for a deactivated user");
    }

    @Test
    void snapshotsAloneAreFollowedLiveToo() {
        Account erin = Provisioning.newAccount().withOrg();
        Provisioning.publish(erin.snapshot(1, UserStatus.ACTIVE, null));
        String token = Gateway.ssoToken(erin);
        Gateway.verify(token).then().statusCode(200).header("X-Hub-User-Id", erin.userId);

        Provisioning.publish(erin.snapshot(2, UserStatus.DEACTIVATED, Instant.now()));
        await().atMost(Duration.ofSeconds(2)).until(() -> Gateway.verifyStatus(token) == 401);
    }

    @Test
    void aRevocationFromAnotherReplicaRefusesATokenCachedHere() {
        Account frank = Provisioning.newAccount().withOrg().provision();
        var issued = Gateway.ssoTokenFor(frank);
        String token = (String) issued.get("token");
        Gateway.verify(token).then().statusCode(200); // cached on this replica

        // Another replica revoked it: only its event reaches this one.
        Provisioning.publish(new SessionRevoked(UUID.randomUUID().toString(), Instant.now(), frank.userId, frank.orgId,
                null, (String) issued.get("id"), "admin"));
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> Gateway.verifyStatus(token) == 401);
        // the user and their other tokens are unaffected
        Gateway.verify(Gateway.ssoToken(frank)).then().statusCode(200);
    }

    @Test
    void missingOrMalformedCredentialsAre401WithAChallengeAndNoDetails() {
        given().get("/auth/verify").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("detail", nullValue())
                .header("X-Hub-User", nullValue());
        String wellFormedButUnknown = TokenCredentials.generate();
        Stream.of("Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer hub_garbage", "Bearer " + wellFormedButUnknown,
                "Bearer " + wellFormedButUnknown /* now negatively cached */, "hub_" + "a".repeat(43),
                "Bearer " + Gateway.ADMIN_KEY)
                .forEach(header -> given().header("Authorization", header).get("/auth/verify").then()
                        .statusCode(401)
                        .header("WWW-Authenticate", "Bearer")
                        .header("X-Hub-User", nullValue())
                        .body(not(containsString("token"))));
    }

    /** Waits until the gateway's follower has handled a record. */
    private void awaitHandled(RecordMetadata record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> index.follower().positions().getOrDefault(tp, 0L) > record.offset());
    }
}
