package dev.hubsso.kit.kafka;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code kafka.*} configuration of the application (bootstrap servers, TLS, SASL…), for the
 * Kafka clients the suite creates itself (topic followers, the outbox relay), so that they
 * connect exactly as the messaging channels do.
 */
@ApplicationScoped
public class KafkaClientSettings {

    private final Map<String, Object> config;

    @Inject
    public KafkaClientSettings(@Identifier("default-kafka-broker") Map<String, Object> config) {
        this.config = Map.copyOf(config);
    }

    /** {@code kafka.bootstrap.servers}. */
    public String bootstrapServers() {
        Object v = config.get("bootstrap.servers");
        if (v == null) {
            throw new IllegalStateException("kafka.bootstrap.servers is not configured");
        }
        return v.toString();
    }

    /** Every {@code kafka.*} property, without the prefix: client settings to pass through. */
    public Map<String, Object> clientProperties() {
        return new HashMap<>(config);
    }
}
