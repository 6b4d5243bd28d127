package dev.hubsso.policy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** Configuration of the policy service, under {@code hub.policy}. */
@ConfigMapping(prefix = "hub.policy")
public interface PolicyConfig {

    /**
     * How long a decision asked with {@code minPosition} may wait for the projection to reach
     * that position before it is answered with 503 and the position reached.
     */
    @WithDefault("2s")
    Duration minPositionWait();

    /**
     * How long the IdP deactivation fence refuses a managed account after a SCIM record said
     * {@code active=false} or deleted, without provisioning's own lifecycle event (which then
     * decides). Lifted at once by a newer SCIM record saying {@code active=true}.
     */
    @WithDefault("30s")
    Duration fenceHold();

    /** Largest number of questions in one {@code POST /v1/decisions:batch}. */
    @WithDefault("1000")
    int batchMaxQuestions();

    /** How this replica follows the topics. */
    Follower follower();

    /** Following the lifecycle topics. */
    interface Follower {

        /** Kafka bootstrap servers (defaults to {@code kafka.bootstrap.servers}). */
        String bootstrapServers();

        /** Name of the follower thread and Kafka client id of this replica. */
        @WithDefault("policy-projection")
        String name();

        /** Extra Kafka consumer properties (security, timeouts), by property name. */
        Map<String, String> consumer();
    }
}
