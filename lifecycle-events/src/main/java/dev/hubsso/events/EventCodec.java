package dev.hubsso.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Optional;

/**
 * JSON serde of the events. Writers omit null fields; readers ignore fields they do not know,
 * so a producer may add optional fields without breaking older consumers.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventCodec() {
    }

    /** The mapper used for events; configured once, thread-safe. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Serializes an event to its JSON record value. */
    public static String encode(HubEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + event.getClass().getSimpleName(), e);
        }
    }

    /** Deserializes a record value of a known type. */
    public static <T extends HubEvent> T decode(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("cannot read " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Deserializes a record value given its {@code ce_type} header. Unknown types yield empty
     * (a newer producer may publish types this consumer does not know yet).
     */
    public static Optional<HubEvent> decode(String ceType, String json) {
        return EventType.ofCeType(ceType).map(t -> decode(json, t.recordClass()));
    }

    /** A record value that does not match its declared type. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
