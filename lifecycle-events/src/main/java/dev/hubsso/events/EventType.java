package dev.hubsso.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type: its record, its CloudEvents {@code ce_type}, the topic it travels on and
 * its JSON Schema ({@code /schemas/<ceType>.json} on the classpath).
 */
public enum EventType {
    SCIM_USER_CHANGED(ScimUserChanged.class, "hub.scim.user.changed", Topics.SCIM_CHANGES),
    SCIM_GROUP_CHANGED(ScimGroupChanged.class, "hub.scim.group.changed", Topics.SCIM_CHANGES),
    USER_PROVISIONED(UserProvisioned.class, "hub.user.provisioned", Topics.USER_LIFECYCLE),
    USER_UPDATED(UserUpdated.class, "hub.user.updated", Topics.USER_LIFECYCLE),
    USER_DEACTIVATED(UserDeactivated.class, "hub.user.deactivated", Topics.USER_LIFECYCLE),
    USER_REACTIVATED(UserReactivated.class, "hub.user.reactivated", Topics.USER_LIFECYCLE),
    USER_DELETED(UserDeleted.class, "hub.user.deleted", Topics.USER_LIFECYCLE),
    MEMBERSHIP_CHANGED(MembershipChanged.class, "hub.user.membership-changed", Topics.USER_LIFECYCLE),
    USER_STATE(UserState.class, "hub.user.state", Topics.USER_STATE),
    ORG_CONFIG(OrgConfig.class, "hub.org.config", Topics.ORG_CONFIG),
    SESSION_REVOKED(SessionRevoked.class, "hub.auth.session-revoked", Topics.SESSION_REVOCATIONS);

    private static final Map<String, EventType> BY_CE_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::recordClass, Function.identity()));

    private final Class<? extends HubEvent> recordClass;
    private final String ceType;
    private final String topic;

    EventType(Class<? extends HubEvent> recordClass, String ceType, String topic) {
        this.recordClass = recordClass;
        this.ceType = ceType;
        this.topic = topic;
    }

    /** The Java record of this event type. */
    public Class<? extends HubEvent> recordClass() {
        return recordClass;
    }

    /** The CloudEvents type attribute. */
    public String ceType() {
        return ceType;
    }

    /** The topic events of this type are published to. */
    public String topic() {
        return topic;
    }

    /** Classpath location of the JSON Schema. */
    public String schemaResource() {
        return "/schemas/" + ceType + ".json";
    }

    /** The type of a {@code ce_type} header value, if known. */
    public static Optional<EventType> ofCeType(String ceType) {
        return Optional.ofNullable(BY_CE_TYPE.get(ceType));
    }

    /** The type of an event instance. */
    public static EventType of(HubEvent event) {
        EventType type = BY_CLASS.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException("not a registered event: " + event.getClass());
        }
        return type;
    }
}
