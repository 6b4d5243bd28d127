package dev.hubsso.provisioning.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the {@code scim.changes.v1} consumer handles failures ({@code hub.scim-consumer.*}). */
@ConfigMapping(prefix = "hub.scim-consumer")
public interface ScimConsumerConfig {

    /**
     * Attempts after the first failed one before a record is given up (and skipped by the
     * channel's failure strategy). Covers a database failover; a record that still fails is a
     * poison record.
     */
    @WithDefault("6")
    int maxRetries();

    /** Pause before the first retry; doubles on each attempt. */
    @WithDefault("200ms")
    Duration initialBackoff();

    /** Longest pause between retries. */
    @WithDefault("5s")
    Duration maxBackoff();
}
