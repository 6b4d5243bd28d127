package dev.hubsso.outbox;

import dev.hubsso.kit.kafka.KafkaClientSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Starts and stops this replica's {@link OutboxRelay} with the application. */
@ApplicationScoped
public class OutboxRelayService {

    private final OutboxConfig config;
    private final Vertx vertx;
    private final String reactiveUrl;
    private final String username;
    private final String password;
    private final KafkaClientSettings kafka;
    private final Instance<MeterRegistry> registry;
    private OutboxRelay relay;

    public OutboxRelayService(OutboxConfig config, Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String reactiveUrl,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") String password,
            KafkaClientSettings kafka,
            Instance<MeterRegistry> registry) {
        this.config = config;
        this.vertx = vertx;
        this.reactiveUrl = reactiveUrl;
        this.username = username;
        this.password = password;
        this.kafka = kafka;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            return;
        }
        String url = reactiveUrl.startsWith("vertx-reactive:") ? reactiveUrl.substring("vertx-reactive:".length()) : reactiveUrl;
        PgConnectOptions db = PgConnectOptions.fromUri(url).setUser(username).setPassword(password);
        var producerConfig = OutboxRelay.producerConfig(kafka.bootstrapServers(), kafka.clientProperties());
        relay = new OutboxRelay(vertx, db, config.schema(), OutboxRelay.producers(producerConfig),
                config.batchSize(), config.pollInterval(), config.maxBackoff());
        relay.start();
        if (registry.isResolvable()) {
            MeterRegistry r = registry.get();
            r.gauge("hub.outbox.published", relay, OutboxRelay::publishedCount);
            r.gauge("hub.outbox.leader", relay, x -> x.isLeader() ? 1 : 0);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (relay != null) {
            relay.close();
        }
    }

    /** The running relay, or null when disabled. */
    public OutboxRelay relay() {
        return relay;
    }
}
