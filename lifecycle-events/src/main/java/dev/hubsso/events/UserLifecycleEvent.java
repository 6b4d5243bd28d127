package dev.hubsso.events;

/**
 * What happened to a hub account, on {@link Topics#USER_LIFECYCLE}. Every event carries the
 * account's version after the change, so a consumer that also reads {@link UserState} keeps
 * whichever it saw last by version and ignores the other.
 */
public sealed interface UserLifecycleEvent extends HubEvent
        permits UserProvisioned, UserUpdated, UserDeactivated, UserReactivated, UserDeleted, MembershipChanged {

    /** Unique id of this event. */
    String eventId();

    @Override
    default String ceId() {
        return eventId();
    }

    /** The hub account id. */
    String userId();

    /** The managing organization. */
    String orgId();

    /** The account's hub username. */
    String username();

    /** The account's version after this change (monotonic per account). */
    long userVersion();

    @Override
    default String key() {
        return userId();
    }
}
