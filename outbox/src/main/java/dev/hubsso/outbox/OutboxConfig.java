package dev.hubsso.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Outbox relay settings ({@code hub.outbox.*}). */
@ConfigMapping(prefix = "hub.outbox")
public interface OutboxConfig {

    /** Whether this replica runs a relay (only the one holding the advisory lock publishes). */
    @WithDefault("true")
    boolean relayEnabled();

    /** CloudEvents {@code ce_source} of the events this service publishes, e.g. {@code /scim-service}. */
    String source();

    /** Database schema that holds the {@code outbox} table. */
    String schema();

    /** Rows read and published per round. */
    @WithDefault("500")
    int batchSize();

    /** How often the relay looks for rows when no notification woke it. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Longest pause between attempts while Kafka or PostgreSQL is unreachable. */
    @WithDefault("5s")
    Duration maxBackoff();

}
