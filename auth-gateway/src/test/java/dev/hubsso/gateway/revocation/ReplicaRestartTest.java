package dev.hubsso.gateway.revocation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.events.UserState.UserStatus;
import dev.hubsso.gateway.support.Gateway;
import dev.hubsso.gateway.support.Provisioning;
import dev.hubsso.gateway.support.Provisioning.Account;
import dev.hubsso.testsupport.HubInfrastructure;
import dev.hubsso.testsupport.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A second replica's index, started from scratch over the same broker (as after a restart),
 * reaches the running replica's state from the compacted snapshot topic, and receives token
 * revocations made on the running replica.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class ReplicaRestartTest {

    @Inject
    RevocationIndex running;

    @BeforeEach
    void ready() {
        Gateway.awaitReady();
    }

    @Test
    void aRestartedReplicaStillRefusesADeactivatedUser() throws Exception {
        Account gone = Provisioning.newAccount().withOrg().provision();
        Instant issuedAt = Instant.parse((String) Gateway.ssoTokenFor(gone).get("createdAt"));
        gone.deactivate();
        Account back = Provisioning.newAccount().provision().deactivate().reactivate();
        Account fine = Provisioning.newAccount().provision();
        await().atMost(Duration.ofSeconds(5)).until(() -> running.user(fine.userId).isPresent()
                && running.user(gone.userId).map(u -> !u.isActive()).orElse(false)
                && running.user(back.userId).map(UserStanding::isActive).orElse(false));

        try (RevocationIndex restarted = new RevocationIndex()) {
            restarted.follow("restarted-replica", KafkaBroker.shared().bootstrapServers(), Map.of());
            assertTrue(restarted.follower().awaitReady(Duration.ofSeconds(30)), "reads the snapshot topic to its end");
            assertTrue(restarted.isReady());

            UserStanding goneThere = restarted.user(gone.userId).orElseThrow();
            assertEquals(running.user(gone.userId).orElseThrow(), goneThere, "same state as the running replica");
            assertEquals(UserStatus.DEACTIVATED, goneThere.status());
            assertFalse(goneThere.acceptsCredentialIssuedAt(issuedAt), "the old token stays refused");

            UserStanding backThere = restarted.user(back.userId).orElseThrow();
            assertEquals(running.user(back.userId).orElseThrow(), backThere);
            assertTrue(backThere.isActive());
            assertFalse(backThere.acceptsCredentialIssuedAt(backThere.revokedBefore().minusMillis(1)));

            assertEquals(running.user(fine.userId).orElseThrow(), restarted.user(fine.userId).orElseThrow());
            assertEquals(fine.userId, restarted.userByUsername(fine.username).orElseThrow().userId());
        }
    }

    @Test
    void aTokenRevokedOnOneReplicaIsRefusedByAnother() {
        Account ivan = Provisioning.newOrdinaryAccount().provision();
        Map<String, Object> issued = Gateway.issueFor(ivan.username);
        String tokenId = (String) issued.get("id");
        try (RevocationIndex other = new RevocationIndex()) {
            other.follow("other-replica", KafkaBroker.shared().bootstrapServers(), Map.of());
            await().atMost(Duration.ofSeconds(30)).until(other::isReady);
            assertFalse(other.isTokenRevoked(tokenId));

            given().auth().oauth2(Gateway.ADMIN_KEY).delete("/admin/tokens/" + tokenId).then().statusCode(204);
            // through the outbox, the relay and auth.session-revocations.v1
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> other.isTokenRevoked(tokenId));
        }
    }
}
