package dev.hubsso.events;

import java.util.List;

/**
 * Kafka topics of the suite. The version is part of the name: a breaking change to an event
 * means a new topic, never a silent change of an existing one.
 */
public final class Topics {

    /** SCIM store changes, written by scim-service, read by provisioning-service. Key: SCIM resource id. */
    public static final String SCIM_CHANGES = "scim.changes.v1";
    /** Organization snapshots (compacted), written by provisioning-service. Key: org id. */
    public static final String ORG_CONFIG = "hub.org-config.v1";
    /** Account lifecycle events, written by provisioning-service. Key: hub user id. */
    public static final String USER_LIFECYCLE = "hub.user-lifecycle.v1";
    /** Account snapshots (compacted), written by provisioning-service. Key: hub user id. */
    public static final String USER_STATE = "hub.user-state.v1";
    /** Session and token revocations fanned out to every gateway replica. Key: hub user id. */
    public static final String SESSION_REVOCATIONS = "auth.session-revocations.v1";

    /** Every topic with the settings it must be created with. */
    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(SCIM_CHANGES, 6, false, "scim-service"),
            new TopicSpec(ORG_CONFIG, 3, true, "provisioning-service"),
            new TopicSpec(USER_LIFECYCLE, 6, false, "provisioning-service"),
            new TopicSpec(USER_STATE, 6, true, "provisioning-service"),
            new TopicSpec(SESSION_REVOCATIONS, 3, false, "auth-gateway"));

    private Topics() {
    }

    /** Looks up the spec of a topic by name. */
    public static TopicSpec spec(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown topic " + name));
    }

    /**
     * How a topic is created.
     *
     * @param name topic name
     * @param partitions default partition count
     * @param compacted whether {@code cleanup.policy=compact}
     * @param owner the only service that writes to it
     */
    public record TopicSpec(String name, int partitions, boolean compacted, String owner) {
    }
}
