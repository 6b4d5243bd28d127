package dev.hubsso.provisioning.roles.core;

import static dev.hubsso.provisioning.orgs.OrgRole.ADMIN;
import static dev.hubsso.provisioning.orgs.OrgRole.CONTRIBUTOR;
import static dev.hubsso.provisioning.orgs.OrgRole.READ;
import static dev.hubsso.provisioning.orgs.OrgRole.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.provisioning.orgs.OrgRole;
import dev.hubsso.provisioning.roles.core.RoleMapping.Link;
import dev.hubsso.provisioning.roles.core.RoleMapping.ResourceGroup;
import dev.hubsso.provisioning.roles.core.RoleMapping.Rule;
import dev.hubsso.provisioning.roles.core.RoleMapping.Subject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Role mapping rules, one case per row: claims and SCIM groups in, org role and matched rules out. */
class RoleMappingTest {

    private static final String URI = "https://idp.example/claims/roles";
    private static final List<Rule> RULES = List.of(
            new Rule("groups", List.of("hub-readers"), READ),
            new Rule("org.department", List.of("research", "data"), CONTRIBUTOR),
            new Rule(URI, List.of("maintainer"), WRITE),
            new Rule("groups", List.of("hub-admins"), ADMIN),
            new Rule("level", List.of("7"), WRITE));

    static Stream<Arguments> cases() {
        return Stream.of(
                row("no claims: default role", Map.of(), Set.of(), CONTRIBUTOR, List.of()),
                row("no rule matches: default role", Map.of("groups", List.of("other")), Set.of(), CONTRIBUTOR, List.of()),
                row("one match below the default still wins over the default", Map.of("groups", List.of("hub-readers")),
                        Set.of(), READ, List.of(0)),
                row("dot path into nested claims", Map.of("org", Map.of("department", "data")), Set.of(), CONTRIBUTOR,
                        List.of(1)),
                row("claim URI as one key", Map.of(URI, List.of("maintainer")), Set.of(), WRITE, List.of(2)),
                row("multiple matches: most privileged wins",
                        Map.of("groups", List.of("hub-readers", "hub-admins"), URI, "maintainer"), Set.of(), ADMIN,
                        List.of(0, 2, 3)),
                row("write and contributor: write wins", Map.of("org", Map.of("department", "research"), URI, "maintainer"),
                        Set.of(), WRITE, List.of(1, 2)),
                row("values are case-sensitive", Map.of("groups", List.of("HUB-ADMINS")), Set.of(), CONTRIBUTOR, List.of()),
                row("number claim compared as text", Map.of("level", 7), Set.of(), WRITE, List.of(4)),
                row("SCIM groups count as groups values", Map.of(), Set.of("hub-admins"), ADMIN, List.of(3)),
                row("SCIM groups and claims combine", Map.of("groups", List.of("hub-readers")), Set.of("hub-admins"),
                        ADMIN, List.of(0, 3)),
                row("dot path through a non-object gives nothing", Map.of("org", "research"), Set.of(), CONTRIBUTOR,
                        List.of()),
                row("object value never matches", Map.of("groups", Map.of("hub-admins", true)), Set.of(), CONTRIBUTOR,
                        List.of()));
    }

    static Arguments row(String name, Map<String, Object> claims, Set<String> scimGroups, OrgRole role,
            List<Integer> matched) {
        return Arguments.of(name, claims, scimGroups, role, matched);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void orgRole(String name, Map<String, Object> claims, Set<String> scimGroups, OrgRole role, List<Integer> matched) {
        RoleMapping.Outcome o = RoleMapping.evaluate(RULES, CONTRIBUTOR, List.of(), "groups",
                new Subject(claims, scimGroups));
        assertEquals(role, o.orgRole(), name);
        assertEquals(matched, o.matchedRules(), name);
    }

    @Test
    void resourceGroupRolesAreAdditiveAndTheHighestRemainingRoleWins() {
        List<ResourceGroup> rgs = List.of(
                new ResourceGroup("rg-research", List.of(new Link("ml", READ), new Link("ml-leads", ADMIN),
                        new Link("ml-writers", WRITE))),
                new ResourceGroup("rg-data", List.of(new Link("data", CONTRIBUTOR))));
        assertEquals(Map.of("rg-research", "admin", "rg-data", "contributor"), RoleMapping.evaluate(List.of(), READ, rgs,
                "groups", new Subject(Map.of(), Set.of("ml", "ml-leads", "ml-writers", "data"))).resourceGroupRoles());
        // leaving ml-leads keeps the write that ml-writers still grants
        assertEquals(Map.of("rg-research", "write", "rg-data", "contributor"), RoleMapping.evaluate(List.of(), READ, rgs,
                "groups", new Subject(Map.of(), Set.of("ml", "ml-writers", "data"))).resourceGroupRoles());
        // group claims from the token link too, at the org's groups path
        assertEquals(Map.of("rg-research", "read"), RoleMapping.evaluate(List.of(), READ, rgs, "roles",
                new Subject(Map.of("roles", List.of("ml")), Set.of())).resourceGroupRoles());
        assertEquals(Map.of(), RoleMapping.evaluate(List.of(), READ, rgs, "groups",
                new Subject(Map.of(), Set.of("other"))).resourceGroupRoles());
    }

    @Test
    void attributesAreDotPathsOrClaimUris() {
        for (String ok : List.of("groups", "org.department", "a_b.c-d", URI, "urn:example:roles")) {
            assertTrue(RoleMapping.isValidAttribute(ok), ok);
        }
        for (String bad : Arrays.asList(null, "", "org..dept", ".groups", "groups.", "has space", "1abc", "ftp://x")) {
            assertFalse(RoleMapping.isValidAttribute(bad), String.valueOf(bad));
        }
    }

    private static final class Arrays {
        static List<String> asList(String... values) {
            return java.util.Arrays.asList(values);
        }
    }
}
