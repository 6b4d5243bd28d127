package dev.hubsso.scim.org;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until every organization (and so every SCIM token) present at start is known. */
@Readiness
@ApplicationScoped
public class OrgDirectoryReadiness implements HealthCheck {

    private final OrgDirectory directory;

    public OrgDirectoryReadiness(OrgDirectory directory) {
        this.directory = directory;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("org-directory").status(directory.isReady()).build();
    }
}
