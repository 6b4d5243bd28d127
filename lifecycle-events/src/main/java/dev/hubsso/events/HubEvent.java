package dev.hubsso.events;

import java.time.Instant;

/** Every event and snapshot that travels on a topic of the suite. */
public sealed interface HubEvent permits ScimChange, UserLifecycleEvent, UserState, OrgConfig, SessionRevoked {

    /** The Kafka record key: the id of the aggregate the event is about. */
    String key();

    /** When the change happened at its source. */
    Instant occurredAt();

    /**
     * The CloudEvents {@code ce_id}: the event id, or for a snapshot its key and version, so that
     * a republished snapshot keeps its id.
     */
    String ceId();
}
