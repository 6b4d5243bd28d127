package dev.hubsso.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rendered object is valid against its API schema, unknown fields included. */
class SchemaTest {

    static Stream<String> overlays() {
        return Repo.overlays().stream();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectMatchesItsSchema(String overlay) {
        List<JsonNode> objects = Rendered.overlay(overlay);
        assertFalse(objects.isEmpty(), "overlay " + overlay + " renders nothing");
        assertEquals(List.of(), StrictSchema.violations(objects), "schema violations in overlay " + overlay);
    }

    @Test
    void overlaysExist() {
        assertTrue(Repo.overlays().containsAll(List.of("dev", "prod")), "overlays: " + Repo.overlays());
    }

    // ---------------------------------------------------------------- the check can fail

    @Test
    void unknownFieldOfACoreObjectFails() {
        assertFails("Deployment", "auth-gateway",
                d -> Rendered.obj(container(d)).set("livenessProbes", container(d).get("livenessProbe")));
    }

    @Test
    void unknownFieldDeepInsideACoreObjectFails() {
        assertFails("Deployment", "auth-gateway",
                d -> Rendered.obj(container(d).path("startupProbe").path("httpGet")).put("paht", "/q/health/started"));
    }

    @Test
    void wrongTypeFails() {
        assertFails("HorizontalPodAutoscaler", "auth-gateway", h -> Rendered.obj(h.get("spec")).put("maxReplicas", "twelve"));
    }

    @Test
    void unknownFieldOfAStrimziResourceFails() {
        assertFails("KafkaTopic", "hub.user-state.v1", t -> Rendered.obj(t.get("spec")).put("partition", 6));
    }

    @Test
    void unknownAclOperationFails() {
        assertFails("KafkaUser", "policy-service", u -> ((ArrayNode) u.at("/spec/authorization/acls/0/operations")).add("Rule"));
    }

    @Test
    void unknownFieldOfACloudNativePgResourceFails() {
        assertFails("Cluster", "hub-pg", c -> Rendered.obj(c.get("spec")).put("instance", 3));
        assertFails("Database", "hub", c -> Rendered.obj(c.at("/spec/schemas/0")).put("onwer", "scim"));
    }

    @Test
    void kindWithoutSchemaFails() {
        assertFails("Service", "auth-gateway", s -> Rendered.obj(s).put("apiVersion", "v2"));
    }

    static JsonNode container(JsonNode deployment) {
        return deployment.at("/spec/template/spec/containers/0");
    }

    private static void assertFails(String kind, String name, Consumer<JsonNode> mutation) {
        List<JsonNode> objects = Rendered.overlay("dev");
        JsonNode target = Rendered.find(objects, kind, name).orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
        assertEquals(List.of(), StrictSchema.violations(target), "before the mutation");
        mutation.accept(target);
        List<String> violations = StrictSchema.violations(target);
        assertFalse(violations.isEmpty(), "a broken " + kind + " passed the schema check");
    }
}
