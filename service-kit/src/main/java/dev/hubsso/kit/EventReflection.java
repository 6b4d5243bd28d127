package dev.hubsso.kit;

import dev.hubsso.events.MembershipChanged;
import dev.hubsso.events.OrgConfig;
import dev.hubsso.events.ScimGroupChanged;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.events.SessionRevoked;
import dev.hubsso.events.UserDeactivated;
import dev.hubsso.events.UserDeleted;
import dev.hubsso.events.UserProvisioned;
import dev.hubsso.events.UserReactivated;
import dev.hubsso.events.UserState;
import dev.hubsso.events.UserUpdated;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Registers the event contract's records for reflection, so that Jackson can write and read them
 * in a native executable (the contract module itself has no Quarkus dependency).
 */
@RegisterForReflection(targets = {
        ScimUserChanged.class, ScimUserChanged.ScimUserSnapshot.class, ScimUserChanged.ScimUserSnapshot.Email.class,
        ScimUserChanged.ScimUserSnapshot.Enterprise.class, ScimGroupChanged.class,
        UserProvisioned.class, UserUpdated.class, UserDeactivated.class, UserReactivated.class, UserDeleted.class,
        MembershipChanged.class, UserState.class, OrgConfig.class, OrgConfig.ScimTokenHash.class,
        OrgConfig.IdpConnection.class, SessionRevoked.class })
public final class EventReflection {
    private EventReflection() {
    }
}
