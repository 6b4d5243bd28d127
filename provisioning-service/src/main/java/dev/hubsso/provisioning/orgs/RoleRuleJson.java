package dev.hubsso.provisioning.orgs;

import dev.hubsso.provisioning.roles.core.RoleMapping;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A role mapping rule as the API and the database hold it.
 *
 * @param attribute IdP attribute: a dot path into the ID token claims ({@code org.department}) or a claim URI
 * @param values attribute values that grant the role (exact match; any one suffices)
 * @param role {@code read}, {@code contributor}, {@code write} or {@code admin}
 */
@Schema(name = "RoleMappingRule")
public record RoleRuleJson(
        @Schema(required = true, examples = "groups") String attribute,
        @Schema(required = true, examples = "[\"hub-admins\"]") List<String> values,
        @Schema(required = true, enumeration = { "read", "contributor", "write", "admin" }) String role) {

    /** The rule for the evaluator (stored rules were validated). */
    public RoleMapping.Rule toRule() {
        return new RoleMapping.Rule(attribute, values, OrgRole.parse(role).orElseThrow());
    }
}
