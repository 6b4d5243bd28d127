package dev.hubsso.gateway.revocation;

import dev.hubsso.kit.kafka.KafkaClientSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Owns this replica's {@link RevocationIndex}: starts following the topics when the application
 * starts (without delaying startup: readiness says when the index may be trusted) and stops on
 * shutdown.
 */
@ApplicationScoped
public class RevocationIndexService {

    private final RevocationIndex index = new RevocationIndex();
    private final KafkaClientSettings kafka;
    private final String applicationName;

    public RevocationIndexService(KafkaClientSettings kafka,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.kafka = kafka;
        this.applicationName = applicationName;
    }

    @Produces
    @Singleton
    RevocationIndex index() {
        return index;
    }

    void onStart(@Observes StartupEvent event, MeterRegistry registry) {
        index.follow(applicationName + "-revocations", kafka.bootstrapServers(), kafka.clientProperties());
        registry.gauge("hub.gateway.revocation.users", index, RevocationIndex::size);
        registry.gauge("hub.gateway.revocation.ready", index, i -> i.isReady() ? 1 : 0);
    }

    void onStop(@Observes ShutdownEvent event) {
        index.close();
    }
}
