package dev.hubsso.k8s;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validates objects strictly against a schema: the typed fabric8 Kubernetes model and Strimzi's
 * published model, read with unknown properties failing; CloudNativePG CRs against our own JSON
 * Schemas (src/test/resources/schemas, {@code additionalProperties: false} throughout).
 */
final class StrictSchema {

    /** apiVersion/kind → typed model class. A kind not listed has no schema and fails. */
    static final Map<String, Class<?>> TYPED = Map.ofEntries(
            Map.entry("v1/Namespace", io.fabric8.kubernetes.api.model.Namespace.class),
            Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
            Map.entry("v1/Secret", io.fabric8.kubernetes.api.model.Secret.class),
            Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("v1/ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class),
            Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler",
                    io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", io.fabric8.kubernetes.api.model.networking.v1.Ingress.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", io.strimzi.api.kafka.model.user.KafkaUser.class));

    /** apiVersion/kind → JSON Schema resource, for CRs with no Java model on Maven Central. */
    static final Map<String, String> JSON_SCHEMAS = Map.of(
            "postgresql.cnpg.io/v1/Cluster", "/schemas/cnpg-cluster.json",
            "postgresql.cnpg.io/v1/Database", "/schemas/cnpg-database.json");

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(new SimpleModule("strict").setDeserializerModifier(new BeanDeserializerModifier() {
                // The models keep unknown fields in an "additionalProperties" map (@JsonAnySetter);
                // without it they reach FAIL_ON_UNKNOWN_PROPERTIES like any unknown field.
                @Override
                public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                        BeanDeserializerBuilder builder) {
                    builder.setAnySetter(null);
                    return builder;
                }

                // Some models read an unknown enum constant as null instead of failing (Strimzi's
                // @JsonCreator forValue, e.g. an ACL operation "Rule"): make that an error too.
                @Override
                public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                        BeanDescription description, JsonDeserializer<?> deserializer) {
                    return new StdDelegatingNonNull(deserializer, type);
                }
            }))
            .build();

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private StrictSchema() {
    }

    /** An enum deserializer that rejects a value it could not map to a constant. */
    private static final class StdDelegatingNonNull extends JsonDeserializer<Object> implements ContextualDeserializer {
        private final JsonDeserializer<?> delegate;
        private final JavaType type;

        StdDelegatingNonNull(JsonDeserializer<?> delegate, JavaType type) {
            this.delegate = delegate;
            this.type = type;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getText();
            Object value = delegate.deserialize(p, ctxt);
            if (value == null && text != null) {
                throw InvalidFormatException.from(p, "unknown " + type.getRawClass().getSimpleName() + " value", text,
                        type.getRawClass());
            }
            return value;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
                throws JsonMappingException {
            JsonDeserializer<?> d = delegate instanceof ContextualDeserializer c ? c.createContextual(ctxt, property) : delegate;
            return new StdDelegatingNonNull(d, type);
        }
    }

    /** Every schema violation of every object, prefixed by the object's id; empty when all pass. */
    static List<String> violations(List<JsonNode> objects) {
        List<String> out = new ArrayList<>();
        for (JsonNode o : objects) {
            for (String v : violations(o)) {
                out.add(Rendered.id(o) + ": " + v);
            }
        }
        return out;
    }

    static List<String> violations(JsonNode object) {
        String key = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        Class<?> type = TYPED.get(key);
        if (type != null) {
            try {
                STRICT.treeToValue(object, type);
                return List.of();
            } catch (IOException e) {
                return List.of(e.getMessage().lines().findFirst().orElse(e.toString()) + " at " + path(e));
            } catch (RuntimeException e) {
                return List.of(e.toString());
            }
        }
        String schema = JSON_SCHEMAS.get(key);
        if (schema != null) {
            return jsonSchema(schema).validate(object).stream().map(Object::toString).toList();
        }
        return List.of("no schema for " + key + " (add its model to StrictSchema)");
    }

    private static String path(IOException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
            return m.getPathReference();
        }
        return "?";
    }

    private static JsonSchema jsonSchema(String resource) {
        try (InputStream in = StrictSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return SCHEMAS.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
