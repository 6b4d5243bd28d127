package dev.hubsso.gateway.verify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.hubsso.gateway.support.Gateway;
import dev.hubsso.gateway.support.PostgresOnly;
import dev.hubsso.gateway.tokens.TokenCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A gateway that cannot read its topics is not ready and lets nothing through. */
@QuarkusTest
@TestProfile(FailClosedTest.NoKafka.class)
class FailClosedTest {

    /** Real PostgreSQL, no reachable Kafka. */
    public static class NoKafka implements QuarkusTestProfile {
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresOnly.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hub.outbox.relay-enabled", "false");
        }
    }

    @Test
    void notReadyAndVerifyAnswers503NeverOk() {
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'revocation-index' }.status", equalTo("DOWN"));
        for (String header : new String[] {"Bearer " + TokenCredentials.generate(), null}) {
            var request = given();
            if (header != null) {
                request.header("Authorization", header);
            }
            request.get("/auth/verify").then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("X-Hub-User", nullValue());
        }
        Gateway.issue(Map.of("username", "anyone-acme")).then().statusCode(503).contentType("application/problem+json");
    }
}
