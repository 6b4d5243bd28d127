package dev.hubsso.policy.projection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Down until the account and organization snapshots were read to their end: before that, an
 * empty projection would call a deactivated account "unknown" and allow it.
 */
@Readiness
@ApplicationScoped
public class ProjectionReadiness implements HealthCheck {

    @Inject
    ProjectionFollower follower;

    @Override
    public HealthCheckResponse call() {
        PolicyProjection p = follower.projection();
        return HealthCheckResponse.named("policy-projection")
                .status(follower.isReady())
                .withData("users", p.userCount())
                .withData("organizations", p.orgCount())
                .withData("position", follower.encode(follower.positions()))
                .build();
    }
}
