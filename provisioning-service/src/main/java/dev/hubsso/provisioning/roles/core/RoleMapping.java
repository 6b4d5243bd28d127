package dev.hubsso.provisioning.roles.core;

import dev.hubsso.provisioning.orgs.OrgRole;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which org role and resource-group roles a member's IdP attributes grant. Pure: the same rules
 * run at every JIT login (on the ID token's claims) and on every SCIM group change (on the claims
 * of the latest login plus the member's SCIM groups), and are unit-tested as a table.
 *
 * <p>Rules: an attribute (a dot path into the claims such as {@code org.department}, or a claim
 * URI such as {@code https://idp.example/claims/groups}, looked up as one key) matches when one of
 * its values is one of the rule's values; the most privileged matching role wins; no match gives
 * the org's default role. SCIM group names count as values of the org's groups attribute, so a
 * rule on {@code groups} matches whether the membership came from the token or from SCIM.
 * Resource groups: each link from a group to a resource group grants its role; a member keeps the
 * highest role any of their groups grants.
 */
public final class RoleMapping {

    private static final Pattern CLAIM_URI = Pattern.compile("(https?|urn):\\S+");
    private static final Pattern DOT_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]*(\\.[A-Za-z_][A-Za-z0-9_\\-]*)*");

    private RoleMapping() {
    }

    /**
     * One rule.
     *
     * @param attribute dot path or claim URI
     * @param values the attribute values that grant the role (exact, case-sensitive)
     * @param role the role granted
     */
    public record Rule(String attribute, List<String> values, OrgRole role) {
        public Rule {
            values = List.copyOf(values);
        }
    }

    /**
     * A group granting a role in a resource group.
     *
     * @param group SCIM group display name (or IdP group claim value)
     * @param role the role in the resource group
     */
    public record Link(String group, OrgRole role) {
    }

    /**
     * A resource group and its links.
     *
     * @param id resource group id (the key in {@code resourceGroupRoles})
     * @param links groups granting a role in it
     */
    public record ResourceGroup(String id, List<Link> links) {
        public ResourceGroup {
            links = List.copyOf(links);
        }
    }

    /**
     * What a member gets.
     *
     * @param orgRole role in the org
     * @param matchedRules indexes of the rules that matched (empty: the default role applied)
     * @param resourceGroupRoles resource group id to role, sorted by id
     */
    public record Outcome(OrgRole orgRole, List<Integer> matchedRules, Map<String, String> resourceGroupRoles) {
    }

    /** A member's attributes: the claims of their latest login, and their SCIM group names. */
    public record Subject(Map<String, Object> claims, Set<String> scimGroups) {
        public Subject {
            claims = claims == null ? Map.of() : claims;
            scimGroups = scimGroups == null ? Set.of() : Set.copyOf(scimGroups);
        }
    }

    /** True if {@code attribute} is a dot path or a claim URI. */
    public static boolean isValidAttribute(String attribute) {
        return attribute != null && (CLAIM_URI.matcher(attribute).matches() || DOT_PATH.matcher(attribute).matches());
    }

    /**
     * Evaluates the rules and links for a member.
     *
     * @param groupsAttribute the attribute whose values are group names (SCIM groups are added to it)
     */
    public static Outcome evaluate(List<Rule> rules, OrgRole defaultRole, List<ResourceGroup> resourceGroups,
            String groupsAttribute, Subject subject) {
        OrgRole best = null;
        List<Integer> matched = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            Set<String> have = values(subject, rule.attribute(), groupsAttribute);
            if (rule.values().stream().anyMatch(have::contains)) {
                matched.add(i);
                best = max(best, rule.role());
            }
        }
        Set<String> groups = values(subject, groupsAttribute, groupsAttribute);
        Map<String, String> rgRoles = new TreeMap<>();
        for (ResourceGroup rg : resourceGroups) {
            OrgRole role = null;
            for (Link link : rg.links()) {
                if (groups.contains(link.group())) {
                    role = max(role, link.role());
                }
            }
            if (role != null) {
                rgRoles.put(rg.id(), role.wire());
            }
        }
        return new Outcome(best == null ? defaultRole : best, List.copyOf(matched), rgRoles);
    }

    /** The values of an attribute, with the SCIM group names added when it is the groups attribute. */
    static Set<String> values(Subject subject, String attribute, String groupsAttribute) {
        Set<String> out = new LinkedHashSet<>(valuesAt(subject.claims(), attribute));
        if (attribute != null && attribute.equals(groupsAttribute)) {
            out.addAll(subject.scimGroups());
        }
        return out;
    }

    /**
     * The scalar values at an attribute: a key of the claims as a whole first (claim URIs, or
     * names that contain dots), else a walk of the dot path through nested objects. Arrays give
     * each scalar element; strings, numbers and booleans give their text.
     */
    public static Set<String> valuesAt(Map<String, ?> claims, String attribute) {
        Set<String> out = new LinkedHashSet<>();
        if (claims == null || attribute == null) {
            return out;
        }
        Object node;
        if (claims.containsKey(attribute) || CLAIM_URI.matcher(attribute).matches()) {
            node = claims.get(attribute);
        } else {
            node = claims;
            for (String part : attribute.split("\\.")) {
                if (!(node instanceof Map<?, ?> m)) {
                    node = null;
                    break;
                }
                node = m.get(part);
            }
        }
        collect(node, out);
        return out;
    }

    private static void collect(Object node, Set<String> out) {
        if (node instanceof String || node instanceof Number || node instanceof Boolean) {
            out.add(node.toString());
        } else if (node instanceof Collection<?> c) {
            for (Object e : c) {
                if (e instanceof String || e instanceof Number || e instanceof Boolean) {
                    out.add(e.toString());
                }
            }
        }
    }

    private static OrgRole max(OrgRole a, OrgRole b) {
        return a == null || b.compareTo(a) > 0 ? b : a;
    }
}
