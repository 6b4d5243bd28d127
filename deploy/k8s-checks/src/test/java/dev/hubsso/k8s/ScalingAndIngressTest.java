package dev.hubsso.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubsso.events.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** HPAs and PDBs per Deployment, provisioning within its partitions, and the ingress routes. */
class ScalingAndIngressTest {

    @Test
    void scalingAndIngressHold() {
        for (String overlay : Repo.overlays()) {
            assertEquals(List.of(), violations(Rendered.overlay(overlay)), overlay);
        }
    }

    static List<String> violations(List<JsonNode> objects) {
        List<String> out = new ArrayList<>();
        for (JsonNode d : Rendered.ofKind(objects, "Deployment")) {
            String name = d.at("/metadata/name").asText();
            if (d.at("/spec").has("replicas")) {
                out.add(name + ": spec.replicas set; the HPA owns the count");
            }
            JsonNode hpa = Rendered.ofKind(objects, "HorizontalPodAutoscaler").stream()
                    .filter(h -> name.equals(h.at("/spec/scaleTargetRef/name").asText())
                            && "Deployment".equals(h.at("/spec/scaleTargetRef/kind").asText()))
                    .findFirst().orElse(null);
            if (hpa == null) {
                out.add(name + ": no HorizontalPodAutoscaler");
            } else if (name.equals("provisioning-service")
                    && hpa.at("/spec/maxReplicas").asInt() > Topics.spec(Topics.SCIM_CHANGES).partitions()) {
                out.add(name + ": maxReplicas " + hpa.at("/spec/maxReplicas") + " above the partitions of " + Topics.SCIM_CHANGES);
            }
            JsonNode podLabels = d.at("/spec/template/metadata/labels");
            boolean pdb = Rendered.ofKind(objects, "PodDisruptionBudget").stream()
                    .anyMatch(p -> NetworkPolicyTest.selects(Rendered.YAML.createObjectNode()
                            .set("spec", Rendered.YAML.createObjectNode().set("podSelector", p.at("/spec/selector"))), podLabels)
                            && !p.at("/spec/selector/matchLabels").isEmpty());
            if (!pdb) {
                out.add(name + ": no PodDisruptionBudget");
            }
        }
        // Ingress: hub traffic through the gateway's forward-auth, SCIM and admin over TLS,
        // never policy-service, never provisioning's /internal.
        for (JsonNode ing : Rendered.ofKind(objects, "Ingress")) {
            String name = ing.at("/metadata/name").asText();
            if (ing.at("/spec/tls").isEmpty()) {
                out.add("Ingress " + name + ": no TLS");
            }
            for (JsonNode rule : ing.at("/spec/rules")) {
                for (JsonNode p : rule.at("/http/paths")) {
                    String backend = p.at("/backend/service/name").asText();
                    String path = p.path("path").asText();
                    if (backend.equals("policy-service")) {
                        out.add("Ingress " + name + ": exposes policy-service");
                    }
                    if (backend.equals("provisioning-service") && !path.startsWith("/admin")) {
                        out.add("Ingress " + name + ": routes " + path + " to provisioning-service (only /admin/*)");
                    }
                    if (Rendered.find(objects, "Service", backend).isEmpty()) {
                        out.add("Ingress " + name + ": backend " + backend + " is not a Service here");
                    }
                }
            }
        }
        JsonNode hub = Rendered.find(objects, "Ingress", "hub").orElse(null);
        if (hub == null) {
            out.add("no hub Ingress");
        } else {
            JsonNode a = hub.at("/metadata/annotations");
            if (!a.path("nginx.ingress.kubernetes.io/auth-url").asText().matches("https?://auth-gateway(\\.[a-z0-9.-]+)?(:[0-9]+)?/auth/verify")) {
                out.add("hub Ingress: auth-url is not the gateway's /auth/verify: " + a.path("nginx.ingress.kubernetes.io/auth-url"));
            }
            if (a.path("nginx.ingress.kubernetes.io/auth-signin").asText().isBlank()) {
                out.add("hub Ingress: no auth-signin");
            }
            if (a.has("nginx.ingress.kubernetes.io/auth-cache-key")) {
                out.add("hub Ingress: auth-cache-key would let a cached 200 outlive a deactivation");
            }
        }
        boolean scim = Rendered.ofKind(objects, "Ingress").stream().anyMatch(i -> !i.at("/spec/tls").isEmpty()
                && i.at("/spec/rules/0/http/paths").findValuesAsText("name").contains("scim-service"));
        if (!scim) {
            out.add("no TLS Ingress for scim-service");
        }
        return out;
    }

    // ---------------------------------------------------------------- the check can fail

    @Test
    void provisioningAbovePartitionsFails() {
        assertFails(o -> Rendered.obj(Rendered.find(o, "HorizontalPodAutoscaler", "provisioning-service").orElseThrow().at("/spec"))
                .put("maxReplicas", Topics.spec(Topics.SCIM_CHANGES).partitions() + 1));
    }

    @Test
    void missingPdbFails() {
        assertFails(o -> o.remove(Rendered.find(o, "PodDisruptionBudget", "auth-gateway").orElseThrow()));
    }

    @Test
    void exposingInternalJitOrDroppingAuthUrlFails() {
        assertFails(o -> Rendered.obj(Rendered.find(o, "Ingress", "hub-admin").orElseThrow().at("/spec/rules/0/http/paths/0"))
                .put("path", "/"));
        assertFails(o -> Rendered.obj(Rendered.find(o, "Ingress", "hub").orElseThrow().at("/metadata/annotations"))
                .remove("nginx.ingress.kubernetes.io/auth-url"));
    }

    private static void assertFails(Consumer<List<JsonNode>> mutation) {
        List<JsonNode> objects = new ArrayList<>(Rendered.overlay("prod"));
        mutation.accept(objects);
        assertFalse(violations(objects).isEmpty(), "broken scaling or ingress passed");
    }
}
