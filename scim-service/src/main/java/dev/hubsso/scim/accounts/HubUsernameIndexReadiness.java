package dev.hubsso.scim.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until every hub account snapshot present at start is known (no 201 for a taken username). */
@Readiness
@ApplicationScoped
public class HubUsernameIndexReadiness implements HealthCheck {

    private final HubUsernameIndex index;

    public HubUsernameIndexReadiness(HubUsernameIndex index) {
        this.index = index;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("hub-username-index").status(index.isReady()).build();
    }
}
