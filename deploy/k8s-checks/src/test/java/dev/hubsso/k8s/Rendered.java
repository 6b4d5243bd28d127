package dev.hubsso.k8s;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Overlays rendered by {@code kubectl kustomize}, as Jackson trees (one per object). */
final class Rendered {

    static final YAMLMapper YAML = new YAMLMapper();
    private static final Map<String, List<JsonNode>> CACHE = new ConcurrentHashMap<>();

    private Rendered() {
    }

    /** kubectl on PATH, or at /usr/bin/kubectl; empty when absent. */
    static Optional<Path> kubectl() {
        String override = System.getenv("KUBECTL");
        if (override != null && Files.isExecutable(Path.of(override))) {
            return Optional.of(Path.of(override));
        }
        Stream<String> dirs = Stream.concat(
                Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator)),
                Stream.of("/usr/bin", "/usr/local/bin"));
        return dirs.filter(d -> !d.isBlank()).map(d -> Path.of(d, "kubectl")).filter(Files::isExecutable).findFirst();
    }

    /** Skips the calling test, with the reason, where kubectl is not installed. */
    static void assumeKubectl() {
        assumeTrue(kubectl().isPresent(),
                "kubectl not found (PATH, /usr/bin, $KUBECTL): skipping the checks of the rendered deploy/k8s overlays");
    }

    /** The objects of an overlay; each call gets its own copy, free to mutate. */
    static List<JsonNode> overlay(String name) {
        assumeKubectl();
        List<JsonNode> objects = CACHE.computeIfAbsent(name, Rendered::render);
        return objects.stream().map(n -> (JsonNode) n.deepCopy()).toList();
    }

    private static List<JsonNode> render(String name) {
        Path dir = Repo.k8s().resolve("overlays").resolve(name);
        try {
            Process p = new ProcessBuilder(kubectl().orElseThrow().toString(), "kustomize", dir.toString())
                    .redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed: " + err);
            }
            return parseAll(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every non-empty document of a multi-document YAML text. */
    static List<JsonNode> parseAll(String yaml) {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            var it = new ObjectMapper(new YAMLFactory()).readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    docs.add(n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    static String id(JsonNode o) {
        return o.path("kind").asText() + "/" + o.path("metadata").path("name").asText();
    }

    static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    static Optional<JsonNode> find(List<JsonNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
    }

    static ObjectNode obj(JsonNode n) {
        return (ObjectNode) n;
    }
}
