package dev.hubsso.provisioning.orgs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.events.OrgConfig.SsoMode;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Organization validation rules, one case per row. */
class OrgValidatorTest {

    private static final CreateOrgRequest VALID = new CreateOrgRequest("acme", "acme", "managed", false,
            List.of("acme.com"), null, null);

    static Stream<Arguments> cases() {
        return Stream.of(
                row("valid as is", r -> r),
                row("name with dashes and digits", r -> name(r, "acme-2-corp")),
                row("name of 42 characters", r -> name(r, "a".repeat(42))),
                row("name too short", r -> name(r, "a"), "name"),
                row("name too long", r -> name(r, "a".repeat(43)), "name"),
                row("name with capitals", r -> name(r, "Acme"), "name"),
                row("name with underscore", r -> name(r, "acme_corp"), "name"),
                row("name with double dash", r -> name(r, "ac--me"), "name"),
                row("name with leading dash", r -> name(r, "-acme"), "name"),
                row("name with trailing dash", r -> name(r, "acme-"), "name"),
                row("name all digits", r -> name(r, "2024"), "name"),
                row("name missing", r -> name(r, null), "name"),
                row("name blank", r -> name(r, "  "), "name"),
                row("short code with digits", r -> code(r, "ac2")),
                row("short code too long", r -> code(r, "abcdefghijk"), "shortCode"),
                row("short code uppercase", r -> code(r, "ACME"), "shortCode"),
                row("short code all digits", r -> code(r, "123"), "shortCode"),
                row("short code with dash", r -> code(r, "ac-me"), "shortCode"),
                row("short code missing", r -> code(r, null), "shortCode"),
                row("sso mode basic", r -> mode(r, "basic")),
                row("sso mode unknown", r -> mode(r, "saml"), "ssoMode"),
                row("sso mode in capitals", r -> mode(r, "MANAGED"), "ssoMode"),
                row("sso mode missing", r -> mode(r, null), "ssoMode"),
                row("public content missing", r -> new CreateOrgRequest(r.name(), r.shortCode(), r.ssoMode(), null,
                        r.allowedEmailDomains(), null, null), "publicContentAllowed"),
                row("no domains", r -> domains(r, List.of())),
                row("domains missing", r -> domains(r, null), "allowedEmailDomains"),
                row("bad second domain", r -> domains(r, List.of("acme.com", "acme")), "allowedEmailDomains[1]"),
                row("domain with space", r -> domains(r, List.of("ac me.com")), "allowedEmailDomains[0]"),
                row("domain with comma", r -> domains(r, List.of("acme.com,evil.com")), "allowedEmailDomains[0]"),
                row("domain with numeric tld", r -> domains(r, List.of("10.0.0.1")), "allowedEmailDomains[0]"),
                row("null domain", r -> domains(r, Arrays.asList((String) null)), "allowedEmailDomains[0]"),
                row("session age at minimum", r -> maxAge(r, 60L)),
                row("session age below minimum", r -> maxAge(r, 59L), "sessionMaxAgeSeconds"),
                row("session age above a year", r -> maxAge(r, 365L * 24 * 3600 + 1), "sessionMaxAgeSeconds"),
                row("role admin", r -> role(r, "admin")),
                row("role unknown", r -> role(r, "owner"), "defaultRole"),
                row("several at once", r -> new CreateOrgRequest("A", "B", "x", null, null, 1L, "y"),
                        "name", "shortCode", "ssoMode", "publicContentAllowed", "allowedEmailDomains",
                        "sessionMaxAgeSeconds", "defaultRole"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheInvalidFields(String label, CreateOrgRequest request, List<String> invalidFields) {
        OrgValidator.Result result = OrgValidator.validate(request);
        assertEquals(invalidFields, result.violations().stream().map(OrgValidator.Violation::field).toList(), label);
        assertEquals(invalidFields.isEmpty(), result.org() != null, label);
    }

    @Test
    void normalizesDomainsAndAppliesDefaults() {
        OrgValidator.NewOrg org = OrgValidator.validate(domains(VALID, List.of(" Acme.COM ", "acme.com", "eu.acme.com")))
                .org();
        assertEquals(List.of("acme.com", "eu.acme.com"), org.allowedEmailDomains());
        assertEquals(7L * 24 * 3600, org.sessionMaxAgeSeconds());
        assertEquals(OrgRole.READ, org.defaultRole());
        assertEquals(SsoMode.MANAGED, org.ssoMode());
    }

    @Test
    void aMissingBodyIsOneViolation() {
        OrgValidator.Result result = OrgValidator.validate(null);
        assertTrue(!result.valid() && result.violations().size() == 1);
    }

    private static Arguments row(String label, UnaryOperator<CreateOrgRequest> edit, String... invalid) {
        return Arguments.of(label, edit.apply(VALID), List.of(invalid));
    }

    private static CreateOrgRequest name(CreateOrgRequest r, String v) {
        return new CreateOrgRequest(v, r.shortCode(), r.ssoMode(), r.publicContentAllowed(), r.allowedEmailDomains(),
                r.sessionMaxAgeSeconds(), r.defaultRole());
    }

    private static CreateOrgRequest code(CreateOrgRequest r, String v) {
        return new CreateOrgRequest(r.name(), v, r.ssoMode(), r.publicContentAllowed(), r.allowedEmailDomains(),
                r.sessionMaxAgeSeconds(), r.defaultRole());
    }

    private static CreateOrgRequest mode(CreateOrgRequest r, String v) {
        return new CreateOrgRequest(r.name(), r.shortCode(), v, r.publicContentAllowed(), r.allowedEmailDomains(),
                r.sessionMaxAgeSeconds(), r.defaultRole());
    }

    private static CreateOrgRequest domains(CreateOrgRequest r, List<String> v) {
        return new CreateOrgRequest(r.name(), r.shortCode(), r.ssoMode(), r.publicContentAllowed(), v,
                r.sessionMaxAgeSeconds(), r.defaultRole());
    }

    private static CreateOrgRequest maxAge(CreateOrgRequest r, Long v) {
        return new CreateOrgRequest(r.name(), r.shortCode(), r.ssoMode(), r.publicContentAllowed(),
                r.allowedEmailDomains(), v, r.defaultRole());
    }

    private static CreateOrgRequest role(CreateOrgRequest r, String v) {
        return new CreateOrgRequest(r.name(), r.shortCode(), r.ssoMode(), r.publicContentAllowed(),
                r.allowedEmailDomains(), r.sessionMaxAgeSeconds(), v);
    }
}
