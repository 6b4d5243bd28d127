package dev.hubsso.provisioning.jit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hubsso.events.OrgConfig.SsoMode;
import dev.hubsso.events.UserState.UserStatus;
import dev.hubsso.provisioning.jit.core.JitRules.Candidate;
import dev.hubsso.provisioning.jit.core.JitRules.Create;
import dev.hubsso.provisioning.jit.core.JitRules.Login;
import dev.hubsso.provisioning.jit.core.JitRules.OrgFacts;
import dev.hubsso.provisioning.jit.core.JitRules.Outcome;
import dev.hubsso.provisioning.jit.core.JitRules.Refuse;
import dev.hubsso.provisioning.jit.core.JitRules.UseExisting;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** JIT linking and refusal rules, one case per row. */
class JitRulesTest {

    private static final String ISS = "https://idp.acme.com";
    private static final OrgFacts MANAGED = new OrgFacts(SsoMode.MANAGED, ISS, List.of("acme.com"), "acme");
    private static final OrgFacts BASIC = new OrgFacts(SsoMode.BASIC, ISS, List.of("acme.com"), "acme");
    private static final OrgFacts ANY_DOMAIN = new OrgFacts(SsoMode.MANAGED, ISS, List.of(), "acme");
    private static final OrgFacts NO_IDP = new OrgFacts(SsoMode.MANAGED, null, List.of(), "acme");
    private static final Login VERIFIED = new Login(ISS, "sub-1", "Ada@ACME.com", true, "ada.l");
    private static final Login UNVERIFIED = new Login(ISS, "sub-1", "ada@acme.com", false, "ada.l");
    private static final Candidate A = new Candidate("a", UserStatus.ACTIVE, null, null);
    private static final Candidate B = new Candidate("b", UserStatus.ACTIVE, null, null);
    private static final Candidate C = new Candidate("c", UserStatus.ACTIVE, null, null);
    private static final Candidate LINKED_ELSEWHERE = new Candidate("l", UserStatus.ACTIVE, ISS, "sub-2");
    private static final Candidate DEACTIVATED = new Candidate("d", UserStatus.DEACTIVATED, ISS, "sub-1");
    private static final Candidate DELETED = new Candidate("x", UserStatus.DELETED, null, null);

    static Stream<Arguments> cases() {
        return Stream.of(
                row("(issuer, subject) first", MANAGED, VERIFIED, A, B, C, new UseExisting(A, "idp")),
                row("then externalId", MANAGED, VERIFIED, null, B, C, new UseExisting(B, "externalId")),
                row("then verified email", MANAGED, VERIFIED, null, null, C, new UseExisting(C, "email")),
                row("never an unverified email: creates instead", MANAGED, UNVERIFIED, null, null, C,
                        new Create("ada-l-acme")),
                row("nothing found: managed account", MANAGED, VERIFIED, null, null, null, new Create("ada-l-acme")),
                row("username from the email local part without preferred_username", MANAGED,
                        new Login(ISS, "s", "grace.h@acme.com", true, null), null, null, null, new Create("grace-h-acme")),
                row("basic mode never creates", BASIC, VERIFIED, null, null, null, refuse(404, JitRules.NO_ACCOUNT)),
                row("basic mode still links", BASIC, VERIFIED, null, B, null, new UseExisting(B, "externalId")),
                row("deactivated account refused", MANAGED, VERIFIED, DEACTIVATED, null, null,
                        refuse(403, JitRules.ACCOUNT_DISABLED)),
                row("deleted account refused", MANAGED, VERIFIED, null, DELETED, null,
                        refuse(403, JitRules.ACCOUNT_DISABLED)),
                row("email outside the allowed domains refused", MANAGED,
                        new Login(ISS, "s", "ada@evil.com", true, "ada"), null, null, null,
                        refuse(403, JitRules.EMAIL_DOMAIN)),
                row("unverified email outside the domains refused too", MANAGED,
                        new Login(ISS, "s", "ada@evil.com", false, "ada"), A, null, null, refuse(403, JitRules.EMAIL_DOMAIN)),
                row("no allowed domains: any domain", ANY_DOMAIN, new Login(ISS, "s", "ada@else.org", true, "ada"),
                        null, null, null, new Create("ada-acme")),
                row("another IdP refused", MANAGED, new Login("https://evil", "sub-1", "ada@acme.com", true, "ada"), A,
                        null, null, refuse(403, JitRules.WRONG_IDP)),
                row("org without IdP refused", NO_IDP, VERIFIED, null, null, null, refuse(403, JitRules.WRONG_IDP)),
                row("account linked to another login of the IdP is not taken over", MANAGED, VERIFIED, null,
                        LINKED_ELSEWHERE, null, refuse(409, JitRules.CONFLICT)),
                row("no username source", MANAGED, new Login(ISS, "s", null, false, "@@@"), null, null, null,
                        refuse(422, JitRules.NO_USERNAME)));
    }

    static Arguments row(String name, OrgFacts org, Login login, Candidate byIdp, Candidate byExt, Candidate byEmail,
            Outcome expected) {
        return Arguments.of(name, org, login, byIdp, byExt, byEmail, expected);
    }

    static Refuse refuse(int status, String type) {
        return new Refuse(status, type, null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, OrgFacts org, Login login, Candidate byIdp, Candidate byExt, Candidate byEmail,
            Outcome expected) {
        Outcome actual = JitRules.decide(org, login, byIdp, byExt, byEmail);
        if (expected instanceof Refuse r) {
            Refuse a = (Refuse) actual;
            assertEquals(r.status(), a.status(), name + ": " + a.detail());
            assertEquals(r.type(), a.type(), name);
        } else {
            assertEquals(expected, actual, name);
        }
    }
}
