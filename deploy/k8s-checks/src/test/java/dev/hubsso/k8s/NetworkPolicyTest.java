package dev.hubsso.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every Service has a NetworkPolicy with ingress rules selecting its pods, and each service's
 * peers are exactly the boundaries of issue 7.
 */
class NetworkPolicyTest {

    static final String INGRESS_NGINX = "ns{kubernetes.io/metadata.name=ingress-nginx} pods{app.kubernetes.io/name=ingress-nginx}";
    static final String DNS = "ns{kubernetes.io/metadata.name=kube-system} pods{k8s-app=kube-dns}";
    static final String KAFKA = "pods{strimzi.io/broker-role=true, strimzi.io/cluster=hub-kafka}";
    static final String POSTGRES = "pods{cnpg.io/cluster=hub-pg}";

    static final Map<String, Set<String>> INGRESS_FROM = Map.of(
            "scim-service", Set.of(INGRESS_NGINX),
            "auth-gateway", Set.of(INGRESS_NGINX),
            "provisioning-service", Set.of(INGRESS_NGINX, "pods{app.kubernetes.io/name=auth-gateway, app.kubernetes.io/part-of=hub-sso}"),
            "policy-service", Set.of("ns{hub-sso.dev/policy-clients=true} pods{hub-sso.dev/policy-client=true}"));

    static final Map<String, Set<String>> EGRESS_TO = Map.of(
            "scim-service", Set.of(DNS, KAFKA, POSTGRES),
            "provisioning-service", Set.of(DNS, KAFKA, POSTGRES),
            // the gateway also talks to the orgs' OpenID Providers: public addresses only
            "auth-gateway", Set.of(DNS, KAFKA, POSTGRES, "pods{app.kubernetes.io/name=provisioning-service, app.kubernetes.io/part-of=hub-sso}",
                    "ip{0.0.0.0/0 except 10.0.0.0/8,172.16.0.0/12,192.168.0.0/16}"),
            "policy-service", Set.of(DNS, KAFKA));

    @Test
    void everyServiceIsFencedAsDesigned() {
        for (String overlay : Repo.overlays()) {
            assertEquals(List.of(), violations(Rendered.overlay(overlay)), overlay);
        }
    }

    static List<String> violations(List<JsonNode> objects) {
        List<String> out = new ArrayList<>();
        List<JsonNode> policies = Rendered.ofKind(objects, "NetworkPolicy");
        for (JsonNode svc : Rendered.ofKind(objects, "Service")) {
            JsonNode selector = svc.at("/spec/selector");
            if (selector.isMissingNode() || selector.isEmpty()) {
                continue; // ExternalName: no pods of ours
            }
            String name = svc.at("/metadata/name").asText();
            List<JsonNode> selecting = policies.stream().filter(p -> selects(p, selector)).toList();
            List<JsonNode> withIngress = selecting.stream().filter(p -> types(p).contains("Ingress") && p.at("/spec/ingress").size() > 0).toList();
            if (withIngress.isEmpty()) {
                out.add("Service " + name + ": no NetworkPolicy with ingress rules selects its pods");
                continue;
            }
            if (selecting.stream().noneMatch(p -> types(p).contains("Egress"))) {
                out.add("Service " + name + ": its pods' egress is not restricted");
            }
            Set<String> from = new TreeSet<>();
            Set<String> to = new TreeSet<>();
            for (JsonNode p : selecting) {
                for (JsonNode rule : p.at("/spec/ingress")) {
                    if (!rule.has("from")) {
                        from.add("ANYWHERE");
                    }
                    rule.path("from").forEach(peer -> from.add(peer(peer)));
                }
                for (JsonNode rule : p.at("/spec/egress")) {
                    if (!rule.has("to")) {
                        to.add("ANYWHERE");
                    }
                    rule.path("to").forEach(peer -> to.add(peer(peer)));
                }
            }
            if (INGRESS_FROM.containsKey(name) && !from.equals(new TreeSet<>(INGRESS_FROM.get(name)))) {
                out.add("Service " + name + ": ingress from " + from + ", want " + new TreeSet<>(INGRESS_FROM.get(name)));
            }
            if (EGRESS_TO.containsKey(name) && !to.equals(new TreeSet<>(EGRESS_TO.get(name)))) {
                out.add("Service " + name + ": egress to " + to + ", want " + new TreeSet<>(EGRESS_TO.get(name)));
            }
        }
        return out;
    }

    static Set<String> types(JsonNode policy) {
        Set<String> t = new TreeSet<>();
        policy.at("/spec/policyTypes").forEach(n -> t.add(n.asText()));
        return t;
    }

    /** Whether the policy's podSelector (matchLabels only) selects every pod the Service selects. */
    static boolean selects(JsonNode policy, JsonNode serviceSelector) {
        JsonNode sel = policy.at("/spec/podSelector");
        if (sel.has("matchExpressions")) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> it = sel.path("matchLabels").fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().asText().equals(serviceSelector.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    static String peer(JsonNode peer) {
        if (peer.has("ipBlock")) {
            List<String> except = new java.util.ArrayList<>();
            peer.at("/ipBlock/except").forEach(e -> except.add(e.asText()));
            return "ip{" + peer.at("/ipBlock/cidr").asText() + (except.isEmpty() ? "" : " except " + String.join(",", except)) + "}";
        }
        StringBuilder s = new StringBuilder();
        if (peer.has("namespaceSelector")) {
            s.append("ns").append(labels(peer.get("namespaceSelector"))).append(' ');
        }
        s.append("pods").append(peer.has("podSelector") ? labels(peer.get("podSelector")) : "{ALL}");
        return s.toString();
    }

    private static String labels(JsonNode selector) {
        if (selector.has("matchExpressions")) {
            return "{" + selector.get("matchExpressions") + "}";
        }
        Set<String> l = new TreeSet<>();
        selector.path("matchLabels").fields().forEachRemaining(e -> l.add(e.getKey() + "=" + e.getValue().asText()));
        return "{" + String.join(", ", l) + "}";
    }

    // ---------------------------------------------------------------- the check can fail

    @Test
    void serviceWithoutPolicyFails() {
        assertFails(o -> o.remove(Rendered.find(o, "NetworkPolicy", "policy-service").orElseThrow()));
    }

    @Test
    void policyReachableFromTheIngressFails() {
        assertFails(o -> ((ArrayNode) Rendered.find(o, "NetworkPolicy", "policy-service").orElseThrow().at("/spec/ingress/0/from"))
                .add(Rendered.find(o, "NetworkPolicy", "auth-gateway").orElseThrow().at("/spec/ingress/0/from/0")));
    }

    @Test
    void gatewayEgressToPrivateRangesFails() {
        assertFails(o -> ((ArrayNode) Rendered.find(o, "NetworkPolicy", "auth-gateway").orElseThrow()
                .at("/spec/egress/4/to/0/ipBlock/except")).removeAll());
    }

    @Test
    void egressAnywhereFails() {
        assertFails(o -> ((ArrayNode) Rendered.find(o, "NetworkPolicy", "scim-service").orElseThrow().at("/spec/egress"))
                .addObject().putArray("ports").addObject().put("port", 443));
    }

    private static void assertFails(Consumer<List<JsonNode>> mutation) {
        List<JsonNode> objects = new ArrayList<>(Rendered.overlay("prod"));
        mutation.accept(objects);
        assertFalse(violations(objects).isEmpty(), "a broken network boundary passed");
    }
}
