package dev.hubsso.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every container: three probes on /q/health/*, requests and limits, non-root, read-only root FS. */
class WorkloadTest {

    static final Map<String, String> PROBES = Map.of(
            "startupProbe", "/q/health/started",
            "readinessProbe", "/q/health/ready",
            "livenessProbe", "/q/health/live");

    static Stream<String> overlays() {
        return Repo.overlays().stream();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyContainerIsProbedLimitedAndLockedDown(String overlay) {
        List<JsonNode> objects = Rendered.overlay(overlay);
        assertEquals(Repo.SERVICES.stream().sorted().toList(),
                Rendered.ofKind(objects, "Deployment").stream().map(d -> d.at("/metadata/name").asText()).sorted().toList());
        assertEquals(List.of(), violations(objects));
    }

    static List<String> violations(List<JsonNode> objects) {
        List<String> out = new ArrayList<>();
        for (JsonNode d : Rendered.ofKind(objects, "Deployment")) {
            JsonNode pod = d.at("/spec/template/spec");
            String id = Rendered.id(d);
            if (pod.path("hostNetwork").asBoolean() || pod.path("hostPID").asBoolean()) {
                out.add(id + ": host namespaces");
            }
            JsonNode tmpVolume = null;
            for (JsonNode v : pod.path("volumes")) {
                if (v.has("emptyDir")) {
                    tmpVolume = v;
                }
            }
            List<JsonNode> containers = new ArrayList<>();
            pod.path("initContainers").forEach(containers::add);
            pod.path("containers").forEach(containers::add);
            for (JsonNode c : containers) {
                String cid = id + " container " + c.path("name").asText();
                PROBES.forEach((probe, path) -> {
                    JsonNode get = c.path(probe).path("httpGet");
                    if (!path.equals(get.path("path").asText())) {
                        out.add(cid + ": " + probe + " must GET " + path + ", is " + c.path(probe));
                    }
                });
                for (String kind : List.of("requests", "limits")) {
                    for (String res : List.of("cpu", "memory")) {
                        if (c.path("resources").path(kind).path(res).asText().isBlank()) {
                            out.add(cid + ": no resources." + kind + "." + res);
                        }
                    }
                }
                boolean nonRoot = c.at("/securityContext/runAsNonRoot").asBoolean(pod.at("/securityContext/runAsNonRoot").asBoolean());
                long uid = c.at("/securityContext/runAsUser").asLong(pod.at("/securityContext/runAsUser").asLong(-1));
                if (!nonRoot || uid == 0) {
                    out.add(cid + ": not runAsNonRoot (uid " + uid + ")");
                }
                if (!c.at("/securityContext/readOnlyRootFilesystem").asBoolean()) {
                    out.add(cid + ": root filesystem not read-only");
                }
                if (c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)) {
                    out.add(cid + ": allowPrivilegeEscalation not false");
                }
                boolean tmpMounted = false;
                for (JsonNode m : c.path("volumeMounts")) {
                    if ("/tmp".equals(m.path("mountPath").asText()) && tmpVolume != null
                            && m.path("name").asText().equals(tmpVolume.path("name").asText())) {
                        tmpMounted = true;
                    }
                }
                if (!tmpMounted) {
                    out.add(cid + ": no emptyDir at /tmp (the root filesystem is read-only)");
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- the check can fail

    @Test
    void missingProbeFails() {
        assertFails(c -> Rendered.obj(c).remove("startupProbe"));
        assertFails(c -> Rendered.obj(c.path("readinessProbe").path("httpGet")).put("path", "/q/health/live"));
    }

    @Test
    void missingLimitFails() {
        assertFails(c -> Rendered.obj(c.path("resources").path("limits")).remove("memory"));
    }

    @Test
    void rootOrWritableRootFsFails() {
        assertFails(c -> Rendered.obj(c.path("securityContext")).put("runAsUser", 0));
        assertFails(c -> Rendered.obj(c.path("securityContext")).put("readOnlyRootFilesystem", false));
        assertFails(c -> Rendered.obj(c).remove("volumeMounts"));
    }

    private static void assertFails(Consumer<JsonNode> mutation) {
        List<JsonNode> objects = Rendered.overlay("prod");
        mutation.accept(Rendered.find(objects, "Deployment", "policy-service").orElseThrow().at("/spec/template/spec/containers/0"));
        assertFalse(violations(objects).isEmpty(), "a broken container passed");
    }
}
