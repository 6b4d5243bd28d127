package dev.hubsso.gateway.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN until the account snapshots were read to their end: a replica that has not yet heard of a
 * deactivation must not receive traffic (and {@code /auth/verify} answers 503 meanwhile).
 */
@Readiness
@ApplicationScoped
public class RevocationIndexReadiness implements HealthCheck {

    private final RevocationIndex index;

    public RevocationIndexReadiness(RevocationIndex index) {
        this.index = index;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("revocation-index")
                .status(index.isReady())
                .withData("users", index.size())
                .build();
    }
}
