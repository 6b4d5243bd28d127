package dev.hubsso.provisioning.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.hubsso.events.EventCodec;
import dev.hubsso.events.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Checks published records against the contract's JSON Schemas. */
public final class EventSchemas {

    private static final Map<EventType, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** Fails unless the record's {@code ce_type} is known, it travels on its topic, and its value matches the schema. */
    public static void assertValid(TopicProbe.Rec rec) {
        EventType type = EventType.ofCeType(rec.ceType())
                .orElseThrow(() -> new AssertionError("unknown ce_type on " + rec));
        assertTrue(type.topic().equals(rec.topic()), () -> type + " published on the wrong topic: " + rec);
        Set<ValidationMessage> errors = SCHEMAS.computeIfAbsent(type, EventSchemas::load).validate(rec.json());
        assertTrue(errors.isEmpty(), () -> type + " does not match its schema: " + errors + "\n" + rec.value());
    }

    private static JsonSchema load(EventType type) {
        try (InputStream in = EventType.class.getResourceAsStream(type.schemaResource())) {
            JsonNode node = EventCodec.mapper().readTree(in);
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
