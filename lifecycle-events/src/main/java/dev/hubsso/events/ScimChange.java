package dev.hubsso.events;

/** A change to a resource of an organization's SCIM store, on {@link Topics#SCIM_CHANGES}. */
public sealed interface ScimChange extends HubEvent permits ScimUserChanged, ScimGroupChanged {

    /** Unique id of this event; consumers use it to drop redeliveries. */
    String eventId();

    @Override
    default String ceId() {
        return eventId();
    }

    /** The organization whose SCIM store changed. */
    String orgId();

    /** Per-resource version, incremented on every change; consumers ignore older versions. */
    long version();

    /** What happened to the resource. */
    Change change();

    /** What happened to a SCIM resource. */
    enum Change {
        CREATED, UPDATED, DELETED
    }
}
