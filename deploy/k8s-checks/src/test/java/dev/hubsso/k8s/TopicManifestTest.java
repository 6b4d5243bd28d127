package dev.hubsso.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubsso.events.Topics;
import dev.hubsso.events.Topics.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every topic of {@link Topics#ALL} and every topic named in a service's application.properties
 * exists as a KafkaTopic with the partitions and cleanup policy of Topics.java.
 */
class TopicManifestTest {

    private static final Pattern TOPIC_NAME = Pattern.compile("[a-z]+\\.[a-z-]+\\.v[0-9]+");

    static Stream<String> overlays() {
        return Repo.overlays().stream();
    }

    /** Topics the services' configuration names: *.topic values and anything shaped like a topic name. */
    static Set<String> configuredTopics() {
        Set<String> out = new TreeSet<>();
        for (String service : Repo.SERVICES) {
            ServiceConfig.properties(service).forEach((k, v) -> {
                if (k.endsWith(".topic") || k.endsWith(".topics")) {
                    for (String t : v.split(",")) {
                        out.add(t.trim());
                    }
                } else if (TOPIC_NAME.matcher(v.trim()).matches()) {
                    out.add(v.trim());
                }
            });
        }
        return out;
    }

    @Test
    void theConfigurationNamesTopics() {
        assertTrue(configuredTopics().contains(Topics.SCIM_CHANGES), "provisioning's incoming channel: " + configuredTopics());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyTopicExistsWithItsPartitionsAndCleanupPolicy(String overlay) {
        assertEquals(List.of(), violations(Rendered.overlay(overlay), overlay.equals("prod")));
    }

    static List<String> violations(List<JsonNode> objects, boolean prod) {
        List<String> out = new ArrayList<>();
        List<JsonNode> topics = Rendered.ofKind(objects, "KafkaTopic");
        Set<String> wanted = new TreeSet<>(configuredTopics());
        Topics.ALL.forEach(t -> wanted.add(t.name()));
        String cluster = Rendered.ofKind(objects, "Kafka").stream().map(k -> k.at("/metadata/name").asText()).findFirst().orElse("?");
        for (String name : wanted) {
            List<JsonNode> matches = topics.stream().filter(t -> name.equals(topicName(t))).toList();
            if (matches.size() != 1) {
                out.add(name + ": " + matches.size() + " KafkaTopics (want 1)");
                continue;
            }
            JsonNode t = matches.get(0);
            TopicSpec spec = Topics.ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
            if (spec == null) {
                out.add(name + ": configured by a service but missing from Topics.ALL");
                continue;
            }
            if (t.at("/spec/partitions").asInt() != spec.partitions()) {
                out.add(name + ": partitions " + t.at("/spec/partitions") + ", Topics.ALL says " + spec.partitions());
            }
            String policy = t.at("/spec/config").path("cleanup.policy").asText();
            String want = spec.compacted() ? "compact" : "delete";
            if (!want.equals(policy)) {
                out.add(name + ": cleanup.policy " + policy + ", want " + want);
            }
            if (!spec.compacted() && !t.at("/spec/config").has("retention.ms")) {
                out.add(name + ": no retention.ms");
            }
            if (!cluster.equals(t.at("/metadata/labels").path("strimzi.io/cluster").asText())) {
                out.add(name + ": strimzi.io/cluster is not the Kafka cluster " + cluster);
            }
            int replicas = t.at("/spec/replicas").asInt();
            int minIsr = t.at("/spec/config").path("min.insync.replicas").asInt(1);
            if (prod && (replicas < 3 || minIsr < 2 || minIsr >= replicas)) {
                out.add(name + ": prod needs replicas >= 3 and 2 <= min.insync.replicas < replicas, is " + replicas + "/" + minIsr);
            }
        }
        for (JsonNode t : topics) {
            if (!wanted.contains(topicName(t))) {
                out.add(topicName(t) + ": KafkaTopic for a topic not in Topics.ALL");
            }
        }
        return out;
    }

    static String topicName(JsonNode topic) {
        String explicit = topic.at("/spec/topicName").asText();
        return explicit.isEmpty() ? topic.at("/metadata/name").asText() : explicit;
    }

    // ---------------------------------------------------------------- the check can fail

    @Test
    void wrongPartitionsOrPolicyOrMissingTopicFails() {
        assertFails(o -> Rendered.obj(topic(o, Topics.SCIM_CHANGES).get("spec")).put("partitions", 3));
        assertFails(o -> Rendered.obj(topic(o, Topics.USER_STATE).at("/spec/config")).put("cleanup.policy", "delete"));
        assertFails(o -> o.remove(topic(o, Topics.SESSION_REVOCATIONS)));
        assertFails(o -> Rendered.obj(topic(o, Topics.ORG_CONFIG).at("/spec")).put("replicas", 1));
    }

    private static JsonNode topic(List<JsonNode> objects, String name) {
        return Rendered.ofKind(objects, "KafkaTopic").stream().filter(t -> name.equals(topicName(t))).findFirst().orElseThrow();
    }

    private static void assertFails(Consumer<List<JsonNode>> mutation) {
        List<JsonNode> objects = new ArrayList<>(Rendered.overlay("prod"));
        assertEquals(List.of(), violations(objects, true));
        mutation.accept(objects);
        assertFalse(violations(objects, true).isEmpty(), "a broken topic set passed");
    }
}
