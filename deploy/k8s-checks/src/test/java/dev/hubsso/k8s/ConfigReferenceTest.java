package dev.hubsso.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/deploy.md's configuration reference against the code: every @ConfigMapping key (read from
 * the sources) is documented as its env var; every env var the Deployments set is a real key and
 * documented; every required key without a default is set for each service that has it.
 */
class ConfigReferenceTest {

    /** A key of a @ConfigMapping interface. */
    record Key(String module, String property, boolean required, boolean map) {
        String env() {
            return ServiceConfig.env(property);
        }
    }

    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"\\)");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)");
    private static final Pattern METHOD = Pattern.compile("^\\s*([\\w.]+(?:<[^>]*>)?)\\s+(\\w+)\\(\\)\\s*;");

    /** Kafka client settings the manifests set; read as kafka.* by the Kafka clients. */
    private static final Set<String> KAFKA_CLIENT = Set.of("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM",
            "KAFKA_SASL_JAAS_CONFIG", "KAFKA_SSL_TRUSTSTORE_TYPE", "KAFKA_SSL_TRUSTSTORE_LOCATION");

    static List<Key> keys() {
        List<Key> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Repo.root(), 14)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")).toList()) {
                String src = Repo.read(f);
                Matcher m = MAPPING.matcher(src);
                if (m.find()) {
                    String module = Repo.root().relativize(f).getName(0).toString();
                    out.addAll(parse(module, m.group(1), src));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Methods per (nested) interface, then expanded from the root interface with kebab-case names. */
    static List<Key> parse(String module, String prefix, String src) {
        Map<String, List<String[]>> methods = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        int depth = 0;
        String root = null;
        boolean defaulted = false;
        for (String line : src.split("\n")) {
            Matcher i = INTERFACE.matcher(line);
            if (i.find() && !line.trim().startsWith("*") && !line.trim().startsWith("/")) {
                stack.push(i.group(1));
                depths.push(depth);
                root = root == null ? i.group(1) : root;
            }
            if (line.contains("@WithDefault")) {
                defaulted = true;
            }
            Matcher m = METHOD.matcher(line);
            if (m.find() && !stack.isEmpty()) {
                methods.computeIfAbsent(stack.peek(), k -> new ArrayList<>())
                        .add(new String[] {m.group(1), m.group(2), String.valueOf(defaulted)});
                defaulted = false;
            }
            for (char c : line.toCharArray()) {
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                    if (!depths.isEmpty() && depth == depths.peek()) {
                        depths.pop();
                        stack.pop();
                    }
                }
            }
        }
        List<Key> out = new ArrayList<>();
        expand(module, prefix, root, methods, out);
        return out;
    }

    private static void expand(String module, String prefix, String type, Map<String, List<String[]>> methods, List<Key> out) {
        for (String[] m : methods.getOrDefault(type, List.of())) {
            String name = prefix + "." + m[1].replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
            if (methods.containsKey(m[0])) {
                expand(module, name, m[0], methods, out);
            } else {
                boolean optional = m[0].startsWith("Optional") || m[0].startsWith("Map") || Boolean.parseBoolean(m[2]);
                out.add(new Key(module, name, !optional, m[0].startsWith("Map")));
            }
        }
    }

    static String deployDoc() {
        return Repo.read(Repo.root().resolve("docs/deploy.md"));
    }

    @Test
    void theParserFindsTheMappings() {
        Set<String> props = new TreeSet<>();
        keys().forEach(k -> props.add(k.property()));
        assertTrue(props.containsAll(Set.of("hub.outbox.relay-enabled", "hub.gateway.tokens.negative-cache-ttl",
                "hub.policy.follower.bootstrap-servers", "hub.scim.public-base-url", "hub.admin.api-key")), props.toString());
    }

    @Test
    void everyMappedKeyIsDocumentedAsItsEnvVar() {
        String doc = deployDoc();
        List<String> missing = new ArrayList<>();
        for (Key k : keys()) {
            String token = k.map() ? k.property() : k.env();
            if (!doc.contains(token)) {
                missing.add(token + " (" + k.module() + ")");
            }
        }
        assertEquals(List.of(), missing, "add them to docs/deploy.md, Configuration reference");
    }

    @Test
    void everyEnvVarTheManifestsSetIsARealKeyAndDocumented() {
        for (String overlay : Repo.overlays()) {
            assertEquals(List.of(), envViolations(Rendered.overlay(overlay), deployDoc()), overlay);
        }
    }

    static List<String> envViolations(List<JsonNode> objects, String doc) {
        List<String> out = new ArrayList<>();
        List<Key> keys = keys();
        for (String service : Repo.SERVICES) {
            JsonNode d = Rendered.find(objects, "Deployment", service).orElse(null);
            if (d == null) {
                out.add(service + ": no Deployment");
                continue;
            }
            Map<String, String> env = env(objects, d);
            Set<String> known = new TreeSet<>(KAFKA_CLIENT);
            ServiceConfig.unprofiled(service).keySet().forEach(p -> known.add(ServiceConfig.env(p)));
            Map<String, Key> mapped = new TreeMap<>();
            Set<String> modules = modules(service);
            keys.stream().filter(k -> modules.contains(k.module())).forEach(k -> mapped.put(k.env(), k));
            known.addAll(mapped.keySet());
            for (String name : env.keySet()) {
                if (!known.contains(name)) {
                    out.add(service + ": " + name + " is no configuration key of the service");
                }
                if (!doc.contains(name)) {
                    out.add(service + ": " + name + " not in docs/deploy.md");
                }
            }
            Map<String, String> props = ServiceConfig.unprofiled(service);
            mapped.values().stream().filter(Key::required).forEach(k -> {
                if (!env.containsKey(k.env()) && !props.containsKey(k.property())) {
                    out.add(service + ": required " + k.property() + " (" + k.env() + ") is set nowhere");
                }
            });
        }
        return out;
    }

    /** The modules whose @ConfigMapping interfaces a service runs: its own, plus the outbox if it relays. */
    static Set<String> modules(String service) {
        Set<String> m = new TreeSet<>(Set.of(service));
        if (ServiceConfig.unprofiled(service).containsKey("hub.outbox.source")) {
            m.add("outbox");
        }
        return m;
    }

    /** Env var name → value or source, from env and envFrom ConfigMaps. */
    static Map<String, String> env(List<JsonNode> objects, JsonNode deployment) {
        Map<String, String> env = new TreeMap<>();
        JsonNode c = deployment.at("/spec/template/spec/containers/0");
        for (JsonNode from : c.path("envFrom")) {
            String cm = from.at("/configMapRef/name").asText();
            Rendered.find(objects, "ConfigMap", cm).ifPresent(m -> m.path("data").fields()
                    .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText())));
        }
        for (JsonNode e : c.path("env")) {
            env.put(e.path("name").asText(), e.has("value") ? e.path("value").asText() : "(from " + e.path("valueFrom") + ")");
        }
        return env;
    }

    // ---------------------------------------------------------------- the check can fail

    @Test
    void misspeltOrMissingRequiredEnvFails() {
        List<JsonNode> objects = Rendered.overlay("dev");
        var env = (com.fasterxml.jackson.databind.node.ArrayNode) Rendered.find(objects, "Deployment", "scim-service")
                .orElseThrow().at("/spec/template/spec/containers/0/env");
        env.addObject().put("name", "HUB_SCIM_MAX_RESULT").put("value", "10");
        assertFalse(envViolations(objects, deployDoc()).isEmpty(), "a misspelt env var passed");

        List<JsonNode> again = Rendered.overlay("dev");
        var gatewayEnv = (com.fasterxml.jackson.databind.node.ArrayNode) Rendered.find(again, "Deployment", "auth-gateway")
                .orElseThrow().at("/spec/template/spec/containers/0/env");
        for (int i = gatewayEnv.size() - 1; i >= 0; i--) {
            if ("HUB_ADMIN_API_KEY".equals(gatewayEnv.get(i).path("name").asText())) {
                gatewayEnv.remove(i);
            }
        }
        assertFalse(envViolations(again, deployDoc()).isEmpty(), "the gateway without its required admin key passed");
    }

    @Test
    void undocumentedKeyFails() {
        assertFalse(envViolations(Rendered.overlay("dev"), "").isEmpty());
    }
}
