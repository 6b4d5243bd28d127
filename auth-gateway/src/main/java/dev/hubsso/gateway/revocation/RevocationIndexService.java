package dev.hubsso.gateway.revocation;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Owns this replica's {@link RevocationIndex}: starts following the topics when the application
 * starts (without delaying startup: readiness says when the index may be trusted) and stops on
 * shutdown.
 */
@ApplicationScoped
public class RevocationIndexService {

    private final RevocationIndex index = new RevocationIndex();
    private final String bootstrapServers;
    private final String applicationName;

    public RevocationIndexService(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.bootstrapServers = bootstrapServers;
        this.applicationName = applicationName;
    }

    @Produces
    @Singleton
    RevocationIndex index() {
        return index;
    }

    void onStart(@Observes StartupEvent event, MeterRegistry registry) {
        index.follow(applicationName + "-revocations", bootstrapServers, Map.of());
        registry.gauge("hub.gateway.revocation.users", index, RevocationIndex::size);
        registry.gauge("hub.gateway.revocation.ready", index, i -> i.isReady() ? 1 : 0);
    }

    void onStop(@Observes ShutdownEvent event) {
        index.close();
    }
}
