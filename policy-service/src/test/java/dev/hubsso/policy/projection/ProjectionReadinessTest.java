package dev.hubsso.policy.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class ProjectionReadinessTest {

    @Test
    void downUntilTheFollowerHasReadTheSnapshots() {
        ProjectionReadiness readiness = new ProjectionReadiness();
        readiness.follower = new ProjectionFollower(); // not started: nothing read yet
        assertEquals(HealthCheckResponse.Status.DOWN, readiness.call().getStatus());
    }
}
