package dev.hubsso.provisioning.orgs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hubsso.provisioning.orgs.UpdateOrgRequest.IdpRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Validation of settings changes, one case per row: the fields reported invalid. */
class OrgSettingsValidatorTest {

    private static final IdpRequest IDP = new IdpRequest("https://login.acme.com", "hub", "vault:secret/hub#cs", null,
            null, null);
    private static final RoleRuleJson ADMIN_RULE = new RoleRuleJson("groups", List.of("hub-admins"), "admin");

    static Stream<Arguments> cases() {
        return Stream.of(
                row("empty change", patch(null, null, null), List.of()),
                row("sso mode", new UpdateOrgRequest("basic", null, null, null, null, null, null), List.of()),
                row("bad sso mode", new UpdateOrgRequest("saml", null, null, null, null, null, null), List.of("ssoMode")),
                row("bad domain", new UpdateOrgRequest(null, null, List.of("x"), null, null, null, null),
                        List.of("allowedEmailDomains[0]")),
                row("session too short", new UpdateOrgRequest(null, null, null, 10L, null, null, null),
                        List.of("sessionMaxAgeSeconds")),
                row("bad default role", new UpdateOrgRequest(null, null, null, null, "owner", null, null),
                        List.of("defaultRole")),
                row("valid IdP", patch(IDP, null, null), List.of()),
                row("IdP on localhost over http", patch(new IdpRequest("http://localhost:8080/acme", "hub", null, null,
                        null, null), null, null), List.of()),
                row("plaintext secret refused", patch(new IdpRequest("https://login.acme.com", "hub", null, "s3cr3t", null,
                        null), null, null), List.of("idp.clientSecret")),
                row("secret ref that is no reference", patch(new IdpRequest("https://login.acme.com", "hub", "s3cr3t",
                        null, null, null), null, null), List.of("idp.clientSecretRef")),
                row("http issuer elsewhere", patch(new IdpRequest("http://login.acme.com", "hub", null, null, null, null),
                        null, null), List.of("idp.issuer")),
                row("missing issuer and client", patch(new IdpRequest(null, " ", null, null, null, null), null, null),
                        List.of("idp.issuer", "idp.clientId")),
                row("scopes without openid", patch(new IdpRequest("https://l.acme.com", "hub", null, null,
                        List.of("email"), null), null, null), List.of("idp.scopes")),
                row("unknown claim path purpose", patch(new IdpRequest("https://l.acme.com", "hub", null, null, null,
                        Map.of("role", "x")), null, null), List.of("idp.claimPaths.role")),
                row("bad claim path", patch(new IdpRequest("https://l.acme.com", "hub", null, null, null,
                        Map.of("groups", "a..b")), null, null), List.of("idp.claimPaths.groups")),
                row("rules with an admin rule", patch(null, List.of(ADMIN_RULE,
                        new RoleRuleJson("https://idp/roles", List.of("dev"), "write")), null), List.of()),
                row("no rules at all", patch(null, List.of(), null), List.of()),
                row("rules without admin", patch(null, List.of(new RoleRuleJson("groups", List.of("x"), "write")), null),
                        List.of("roleMapping")),
                row("rule with bad attribute, no values, bad role", patch(null, List.of(ADMIN_RULE,
                        new RoleRuleJson("a b", List.of(), "owner")), null),
                        List.of("roleMapping[1].attribute", "roleMapping[1].values", "roleMapping[1].role")));
    }

    static UpdateOrgRequest patch(IdpRequest idp, List<RoleRuleJson> rules, String role) {
        return new UpdateOrgRequest(null, null, null, null, role, idp, rules);
    }

    static Arguments row(String name, UpdateOrgRequest r, List<String> invalid) {
        return Arguments.of(name, r, invalid);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validates(String name, UpdateOrgRequest r, List<String> invalid) {
        OrgValidator.UpdateResult result = OrgValidator.validateUpdate(r);
        assertEquals(invalid, result.violations().stream().map(OrgValidator.Violation::field).toList(), name);
    }

    @Test
    void aPlaintextSecretNeverAppearsInTheRequestsToString() {
        IdpRequest r = new IdpRequest("https://l", "hub", null, "s3cr3t-value", null, null);
        assertEquals(-1, r.toString().indexOf("s3cr3t-value"));
    }
}
