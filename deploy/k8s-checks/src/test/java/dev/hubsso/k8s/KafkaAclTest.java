package dev.hubsso.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.hubsso.events.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * One KafkaUser per service. A service writes only the topics Topics.ALL says it owns, reads
 * exactly what its code and configuration read — the topics its group-less followers subscribe to
 * ({@code new Subscription(Topics.X, ...)} in its sources) and its messaging channels — and joins
 * only the consumer groups its configuration names; the followers (gateway, policy, scim) have no
 * group at all. Reading the sources keeps the ACLs from falling behind a new follower.
 */
class KafkaAclTest {

    private static final java.util.regex.Pattern SUBSCRIPTION =
            java.util.regex.Pattern.compile("new Subscription\\(\\s*Topics\\.([A-Z_]+)");

    /** The topics a service's followers subscribe to, from its main sources. */
    static Set<String> followedTopics(String service) {
        Set<String> topics = new TreeSet<>();
        try (var files = java.nio.file.Files.walk(Repo.root().resolve(service).resolve("src/main/java"))) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                var m = SUBSCRIPTION.matcher(Repo.read(f));
                while (m.find()) {
                    topics.add((String) Topics.class.getField(m.group(1)).get(null));
                }
            }
        } catch (java.io.IOException | ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the followers of " + service, e);
        }
        return topics;
    }

    @Test
    void followersAreFoundInTheSources() {
        // the scan itself must see the followers it exists for
        assertEquals(Set.of(Topics.ORG_CONFIG, Topics.USER_STATE, Topics.USER_LIFECYCLE, Topics.SESSION_REVOCATIONS,
                Topics.SCIM_CHANGES), followedTopics("auth-gateway"));
        assertEquals(Set.of(Topics.ORG_CONFIG, Topics.USER_STATE), followedTopics("scim-service"));
    }

    @Test
    void aclsFollowOwnershipAndDesign() {
        for (String overlay : Repo.overlays()) {
            assertEquals(List.of(), violations(Rendered.overlay(overlay)), overlay);
        }
    }

    static List<String> violations(List<JsonNode> objects) {
        List<String> out = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            JsonNode user = Rendered.find(objects, "KafkaUser", service).orElse(null);
            if (user == null) {
                out.add(service + ": no KafkaUser");
                continue;
            }
            Set<String> writes = new TreeSet<>();
            Set<String> reads = new TreeSet<>();
            Set<String> groups = new TreeSet<>();
            for (JsonNode acl : user.at("/spec/authorization/acls")) {
                JsonNode r = acl.path("resource");
                String name = r.path("name").asText();
                if (!"literal".equals(r.path("patternType").asText("literal")) || name.contains("*")) {
                    out.add(service + ": non-literal ACL on " + r);
                }
                Set<String> ops = new TreeSet<>();
                acl.path("operations").forEach(op -> ops.add(op.asText()));
                switch (r.path("type").asText()) {
                    case "topic" -> {
                        if (ops.contains("Write") || ops.contains("All")) {
                            writes.add(name);
                        }
                        if (ops.contains("Read") || ops.contains("All")) {
                            reads.add(name);
                        }
                        if (!ops.contains("Describe") && !ops.contains("All")) {
                            out.add(service + ": no Describe on " + name + " (metadata, offsets)");
                        }
                    }
                    case "group" -> groups.add(name);
                    default -> out.add(service + ": ACL on " + r.path("type").asText() + " " + name);
                }
            }
            Set<String> owned = new TreeSet<>();
            Topics.ALL.stream().filter(t -> t.owner().equals(service)).forEach(t -> owned.add(t.name()));
            if (!writes.equals(owned)) {
                out.add(service + ": writes " + writes + ", owns " + owned);
            }
            Set<String> wantReads = followedTopics(service);
            Set<String> wantGroups = new TreeSet<>();
            ServiceConfig.unprofiled(service).forEach((k, v) -> {
                if (k.startsWith("mp.messaging.incoming.") && k.endsWith(".topic")) {
                    wantReads.add(v);
                }
                if (k.startsWith("mp.messaging.incoming.") && k.endsWith(".group.id")) {
                    wantGroups.add(v);
                }
            });
            if (!reads.equals(wantReads)) {
                out.add(service + ": reads " + reads + ", design says " + wantReads);
            }
            if (!groups.equals(wantGroups)) {
                out.add(service + ": groups " + groups + ", configuration says " + wantGroups);
            }
            // The service must log in as its own principal.
            Rendered.find(objects, "Deployment", service).ifPresent(d -> {
                String secret = "";
                for (JsonNode e : d.at("/spec/template/spec/containers/0/env")) {
                    if ("KAFKA_SASL_JAAS_CONFIG".equals(e.path("name").asText())) {
                        secret = e.at("/valueFrom/secretKeyRef/name").asText();
                    }
                }
                if (!service.equals(secret)) {
                    out.add(service + ": KAFKA_SASL_JAAS_CONFIG from Secret '" + secret + "', not its KafkaUser's");
                }
            });
        }
        return out;
    }

    // ---------------------------------------------------------------- the check can fail

    @Test
    void writeOnAnotherServicesTopicFails() {
        assertFails(o -> ((ArrayNode) Rendered.find(o, "KafkaUser", "policy-service").orElseThrow()
                .at("/spec/authorization/acls/0/operations")).add("Write"));
    }

    @Test
    void consumerGroupForAFollowerFails() {
        assertFails(o -> ((ArrayNode) Rendered.find(o, "KafkaUser", "auth-gateway").orElseThrow().at("/spec/authorization/acls"))
                .addObject().<com.fasterxml.jackson.databind.node.ObjectNode>set("resource",
                        Rendered.YAML.createObjectNode().put("type", "group").put("name", "auth-gateway"))
                .putArray("operations").add("Read"));
    }

    @Test
    void missingReadFails() {
        assertFails(o -> ((ArrayNode) Rendered.find(o, "KafkaUser", "provisioning-service").orElseThrow()
                .at("/spec/authorization/acls")).removeAll());
    }

    private static void assertFails(Consumer<List<JsonNode>> mutation) {
        List<JsonNode> objects = Rendered.overlay("dev");
        mutation.accept(objects);
        assertFalse(violations(objects).isEmpty(), "broken ACLs passed");
    }
}
