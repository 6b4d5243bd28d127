package dev.hubsso.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No secret value in deploy/ (the files git would take: tracked or untracked, .gitignore
 * respected, so a filled-in secrets/*.env stays allowed), nor in the rendered overlays.
 */
class SecretScanTest {

    private static final Set<String> TEXT = Set.of("yaml", "yml", "json", "properties", "env", "template", "conf", "md", "txt");
    private static final Pattern BASE64_BLOB = Pattern.compile("(?<![A-Za-z0-9+/_.-])[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/_.-])");
    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----");
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|passwd|api[-_.]?key|token|secret|jaas[-_.]config)$");
    private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*([A-Za-z0-9_.\"-]+)\\s*[=:]\\s*(.*?)\\s*$");

    @Test
    void noSecretValueInDeploy() {
        List<String> out = new ArrayList<>();
        for (Path f : files()) {
            out.addAll(scanText(Repo.root().relativize(f).toString(), Repo.read(f)));
        }
        assertEquals(List.of(), out);
    }

    @Test
    void noSecretValueInTheRenderedOverlays() {
        for (String overlay : Repo.overlays()) {
            assertEquals(List.of(), scanObjects(Rendered.overlay(overlay)), overlay);
        }
    }

    /** Secrets with data, ConfigMaps or env entries holding a value under a secret-looking name. */
    static List<String> scanObjects(List<JsonNode> objects) {
        List<String> out = new ArrayList<>();
        for (JsonNode o : objects) {
            if ("Secret".equals(o.path("kind").asText()) && (!o.path("data").isEmpty() || !o.path("stringData").isEmpty())) {
                out.add(Rendered.id(o) + ": Secret with values");
            }
            if ("ConfigMap".equals(o.path("kind").asText())) {
                o.path("data").fields().forEachRemaining(e -> {
                    if (SECRET_KEY.matcher(e.getKey()).matches() && !e.getValue().asText().isBlank()) {
                        out.add(Rendered.id(o) + ": " + e.getKey() + " has a value in a ConfigMap");
                    }
                    out.addAll(scanText(Rendered.id(o) + "/" + e.getKey(), e.getValue().asText()));
                });
            }
            for (JsonNode env : o.findValues("env")) {
                for (JsonNode e : env) {
                    if (SECRET_KEY.matcher(e.path("name").asText()).matches() && e.has("value")) {
                        out.add(Rendered.id(o) + ": env " + e.path("name").asText() + " has a literal value");
                    }
                }
            }
        }
        return out;
    }

    /** Base64 blobs, private keys, and secret-looking keys assigned a literal value. */
    static List<String> scanText(String where, String text) {
        List<String> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String at = where + ":" + (i + 1);
            if (PRIVATE_KEY.matcher(line).find()) {
                out.add(at + ": private key");
            }
            var blob = BASE64_BLOB.matcher(line);
            while (blob.find()) {
                String b = blob.group();
                // random bytes in base64 mix cases and digits; words and absolute paths (JSON patches) do not
                if (!b.startsWith("/") && b.chars().anyMatch(Character::isUpperCase) && b.chars().anyMatch(Character::isLowerCase)
                        && b.chars().anyMatch(Character::isDigit)) {
                    out.add(at + ": base64-like blob");
                }
            }
            String code = line.replaceFirst("\\s+#.*$", "");
            if (code.trim().startsWith("#") || code.trim().startsWith("-") && code.contains("name:")) {
                continue;
            }
            var m = ASSIGNMENT.matcher(code.replaceFirst("^\\s*-\\s+", ""));
            if (m.matches() && SECRET_KEY.matcher(m.group(1).replace("\"", "")).matches()) {
                String v = m.group(2);
                boolean reference = v.isEmpty() || v.startsWith("${") || v.startsWith("$(") || v.startsWith("\"$")
                        || v.equals("|") || v.equals(">") || v.startsWith("{") || v.startsWith("[")
                        || v.matches("true|false|[0-9]+,?");
                if (!reference) {
                    out.add(at + ": " + m.group(1) + " has a literal value");
                }
            }
        }
        return out;
    }

    /** deploy/ files git would commit, minus this module's build output. */
    static List<Path> files() {
        Path root = Repo.root();
        List<Path> out = new ArrayList<>();
        try {
            Process p = new ProcessBuilder("git", "ls-files", "--cached", "--others", "--exclude-standard", "deploy")
                    .directory(root.toFile()).start();
            String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && !listing.isBlank()) {
                listing.lines().map(root::resolve).forEach(out::add);
            }
        } catch (IOException e) {
            // no git: walk the tree below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (out.isEmpty()) {
            try (Stream<Path> s = Files.walk(root.resolve("deploy"))) {
                s.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/.state/"))
                        .forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.stream().filter(Files::isRegularFile).filter(f -> {
            String n = f.getFileName().toString();
            return TEXT.contains(n.substring(n.lastIndexOf('.') + 1)) || !n.contains(".");
        }).filter(f -> !f.startsWith(root.resolve("deploy/k8s-checks/src/test/java"))).toList();
    }

    @Test
    void theScanCoversTheManifestsAndTemplates() {
        List<String> names = files().stream().map(f -> Repo.root().relativize(f).toString()).toList();
        assertTrue(names.contains("deploy/k8s/base/kustomization.yaml"), names.toString());
        assertTrue(names.contains("deploy/k8s/secrets/hub-admin-api-key.env.template"), names.toString());
    }

    // ---------------------------------------------------------------- the check can fail

    @Test
    void valuesAreFound() {
        assertFalse(scanText("t", "api-key=s3cr3t-value").isEmpty());
        assertFalse(scanText("t", "      - QUARKUS_DATASOURCE_PASSWORD=postgres").isEmpty());
        assertFalse(scanText("t", "  tls.key: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JSUV2UUlCQURBTkJna3Foa2lHOXcwQkFRRUZBQVND").isEmpty());
        assertFalse(scanText("t", "-----BEGIN RSA PRIVATE KEY-----").isEmpty());
        assertEquals(List.of(), scanText("t", "api-key=\npassword=\nsasl.jaas.config=${kafka.sasl.jaas.config}\n  key: password"));
    }

    @Test
    void secretObjectsAndLiteralEnvAreFound() {
        List<JsonNode> objects = new ArrayList<>(Rendered.overlay("dev"));
        objects.add(Rendered.parseAll("apiVersion: v1\nkind: Secret\nmetadata: {name: x}\ndata: {api-key: YWJj}\n").get(0));
        assertFalse(scanObjects(objects).isEmpty());
        List<JsonNode> env = Rendered.overlay("dev");
        JsonNode d = Rendered.find(env, "Deployment", "auth-gateway").orElseThrow();
        ((com.fasterxml.jackson.databind.node.ArrayNode) d.at("/spec/template/spec/containers/0/env")).addObject()
                .put("name", "HUB_ADMIN_API_KEY").put("value", "dev-admin-key");
        assertFalse(scanObjects(env).isEmpty());
    }
}
