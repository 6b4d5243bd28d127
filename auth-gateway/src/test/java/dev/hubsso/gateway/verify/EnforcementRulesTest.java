package dev.hubsso.gateway.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.events.OrgConfig;
import dev.hubsso.events.OrgConfig.IdpConnection;
import dev.hubsso.events.OrgConfig.SsoMode;
import dev.hubsso.events.UserState.UserStatus;
import dev.hubsso.gateway.revocation.UserStanding;
import dev.hubsso.gateway.session.SessionClaims;
import dev.hubsso.gateway.session.SessionRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The pure enforcement rules, table-driven: each case changes one fact of a good session. */
class EnforcementRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final OrgConfig ACME = org("o-acme", "acme", SsoMode.MANAGED, 3600, true);
    private static final OrgConfig OTHER = org("o-other", "other", SsoMode.MANAGED, 3600, true);
    private static final OrgConfig BASIC = org("o-basic", "basic", SsoMode.BASIC, 3600, true);
    private static final OrgConfig BASIC_NO_IDP = org("o-open", "open", SsoMode.BASIC, 3600, false);

    static OrgConfig org(String id, String name, SsoMode mode, long maxAge, boolean idp) {
        return new OrgConfig(id, name, name, mode, false, maxAge, List.of(), "read", List.of(),
                idp ? new IdpConnection("https://idp/" + name, "hub", "env:X", List.of()) : null, 1, false, NOW);
    }

    static UserStanding user(String orgId, boolean managed, UserStatus status, Instant revokedBefore) {
        return new UserStanding("u1", orgId, "alice-acme", managed, status, revokedBefore, 1, "write", Map.of());
    }

    /** Everything one session decision looks at. */
    record Facts(SessionClaims claims, SessionRecord row, boolean revokedByEvent, UserStanding user, boolean fenced,
            OrgConfig sessionOrg, OrgConfig userOrg) {
        Verdict decide() {
            // the registry reports a session revoked by its row or by an event the index has seen
            SessionRecord r = row != null && revokedByEvent ? row.markedRevoked() : row;
            return EnforcementRules.decideSession(claims, r, user, fenced, sessionOrg, userOrg, NOW);
        }
    }

    /** A registry record issued ({@code createdAt}) at {@code created}. */
    static SessionRecord row(String userId, String orgId, String authMethod, Instant created, Instant expires,
            boolean revoked) {
        return new SessionRecord("s1", userId, orgId, authMethod, "sub-1", null, created, created, expires,
                revoked ? NOW : null, revoked ? "admin" : null, revoked);
    }

    static Facts good() {
        Instant auth = NOW.minusSeconds(60);
        Instant exp = NOW.plusSeconds(600);
        return new Facts(new SessionClaims("s1", "u1", "o-acme", "sso:acme", auth, exp),
                row("u1", "o-acme", "sso:acme", auth, exp, false), false,
                user("o-acme", true, UserStatus.ACTIVE, null), false, ACME, ACME);
    }

    record Case(String name, UnaryOperator<Facts> change, String reason) {
    }

    @Test
    void sessionDecisions() {
        Instant auth = NOW.minusSeconds(60);
        List<Case> cases = List.of(
                new Case("good", f -> f, "allowed"),
                new Case("cookie expired", f -> new Facts(new SessionClaims("s1", "u1", "o-acme", "sso:acme", auth,
                        NOW), f.row(), false, f.user(), false, ACME, ACME), "session-expired"),
                new Case("row expired", f -> new Facts(f.claims(), row("u1", "o-acme", "sso:acme", auth, NOW.minusSeconds(1), false), false, f.user(), false, ACME, ACME), "session-expired"),
                new Case("no row", f -> new Facts(f.claims(), null, false, f.user(), false, ACME, ACME),
                        "session-unknown"),
                new Case("row of another user", f -> new Facts(f.claims(), row("u2", "o-acme", "sso:acme", auth, NOW.plusSeconds(60), false), false, f.user(), false, ACME, ACME),
                        "session-unknown"),
                new Case("row revoked", f -> new Facts(f.claims(), row("u1", "o-acme", "sso:acme", auth, NOW.plusSeconds(60), true), false, f.user(), false, ACME, ACME), "session-revoked"),
                new Case("revoked by event", f -> new Facts(f.claims(), f.row(), true, f.user(), false, ACME, ACME),
                        "session-revoked"),
                new Case("unknown user", f -> new Facts(f.claims(), f.row(), false, null, false, ACME, null),
                        "unknown-user"),
                new Case("deactivated", f -> new Facts(f.claims(), f.row(), false,
                        user("o-acme", true, UserStatus.DEACTIVATED, NOW), false, ACME, ACME), "user-inactive"),
                new Case("deleted", f -> new Facts(f.claims(), f.row(), false,
                        user("o-acme", true, UserStatus.DELETED, NOW), false, ACME, ACME), "user-inactive"),
                new Case("fenced by the IdP", f -> new Facts(f.claims(), f.row(), false, f.user(), true, ACME, ACME),
                        "user-inactive"),
                new Case("reactivated after the session", f -> new Facts(f.claims(), f.row(), false,
                        user("o-acme", true, UserStatus.ACTIVE, NOW.minusSeconds(30)), false, ACME, ACME),
                        "issued-before-revocation"),
                new Case("revoked before exactly at auth time survives", f -> new Facts(f.claims(), f.row(), false,
                        user("o-acme", true, UserStatus.ACTIVE, auth), false, ACME, ACME), "allowed"),
                new Case("org gone", f -> new Facts(f.claims(), f.row(), false, f.user(), false, null, null),
                        "org-unknown"),
                new Case("auth method names another org", f -> new Facts(new SessionClaims("s1", "u1", "o-acme",
                        "sso:other", auth, NOW.plusSeconds(60)),
                        row("u1", "o-acme", "sso:other", auth, NOW.plusSeconds(60), false), false, f.user(), false, ACME,
                        ACME), "session-not-sso"),
                new Case("issued longer ago than max age", f -> new Facts(f.claims(),
                        row("u1", "o-acme", "sso:acme", NOW.minusSeconds(3600), NOW.plusSeconds(60), false), false,
                        f.user(), false, ACME, ACME), "session-max-age"),
                new Case("issued just under max age ago", f -> new Facts(f.claims(),
                        row("u1", "o-acme", "sso:acme", NOW.minusSeconds(3599), NOW.plusSeconds(60), false), false,
                        f.user(), false, ACME, ACME), "allowed"),
                new Case("an old IdP sign-in behind a fresh session counts from the session", f -> new Facts(
                        new SessionClaims("s1", "u1", "o-acme", "sso:acme", NOW.minusSeconds(7200), NOW.plusSeconds(60)),
                        f.row(), false, f.user(), false, ACME, ACME), "allowed"),
                new Case("reactivated, then logged in again through a still-open IdP session", f -> new Facts(
                        new SessionClaims("s1", "u1", "o-acme", "sso:acme", NOW.minusSeconds(7200), NOW.plusSeconds(60)),
                        f.row(), false, user("o-acme", true, UserStatus.ACTIVE, NOW.minusSeconds(120)), false, ACME,
                        ACME), "allowed"),
                new Case("managed user, session of another org", f -> new Facts(new SessionClaims("s1", "u1", "o-other",
                        "sso:other", auth, NOW.plusSeconds(60)), row("u1", "o-other", "sso:other", auth, NOW.plusSeconds(60), false), false, f.user(), false, OTHER, ACME), "sso-required"));
        for (Case c : cases) {
            assertEquals(c.reason(), c.change().apply(good()).decide().reason(), c.name());
        }
    }

    @Test
    void aGoodSessionCarriesItsAuthMethodAndIsItsOwnSsoAuthorization() {
        Verdict.Allowed a = assertInstanceOf(Verdict.Allowed.class, good().decide());
        assertEquals("sso:acme", a.auth());
        assertEquals("sso:acme", a.sso());
        assertEquals("s1", a.sessionId());
        assertTrue(a.managed());
    }

    @Test
    void managedMeansAManagedAccountOfAManagedModeOrg() {
        assertTrue(EnforcementRules.isManaged(user("o-acme", true, UserStatus.ACTIVE, null), ACME));
        assertFalse(EnforcementRules.isManaged(user("o-basic", true, UserStatus.ACTIVE, null), BASIC));
        assertTrue(EnforcementRules.isManaged(user("o-gone", true, UserStatus.ACTIVE, null), null), "fail closed");
        assertFalse(EnforcementRules.isManaged(user(null, false, UserStatus.ACTIVE, null), null));
    }

    @Test
    void aManagedAccountsTokenMustStandOnItsOwnOrgsSso() {
        UserStanding acme = user("o-acme", true, UserStatus.ACTIVE, null);
        assertTrue(EnforcementRules.tokenStandsOnOwnOrgSso("o-acme", "sso:acme", acme, ACME));
        assertFalse(EnforcementRules.tokenStandsOnOwnOrgSso(null, null, acme, ACME), "admin-issued: unbound");
        assertFalse(EnforcementRules.tokenStandsOnOwnOrgSso("o-acme", null, acme, ACME), "org without SSO method");
        assertFalse(EnforcementRules.tokenStandsOnOwnOrgSso("o-acme", "sso:other", acme, ACME), "another org's IdP");
        assertFalse(EnforcementRules.tokenStandsOnOwnOrgSso("o-other", "sso:acme", acme, ACME), "bound to another org");
        assertFalse(EnforcementRules.tokenStandsOnOwnOrgSso("o-acme", "hub", acme, ACME), "not an SSO method");
        assertFalse(EnforcementRules.tokenStandsOnOwnOrgSso("o-acme", "sso:acme", acme, null), "org unknown: fail closed");
        assertFalse(EnforcementRules.tokenStandsOnOwnOrgSso("o-acme", "sso:acme", acme, OTHER), "org lookup mismatch");
        assertFalse(EnforcementRules.tokenStandsOnOwnOrgSso("o-acme", "sso:acme",
                user(null, true, UserStatus.ACTIVE, null), ACME), "account without org");
    }

    @Test
    void hubCredentialDecisions() {
        HubIdentity id = new HubIdentity("u1", "alice", NOW.minusSeconds(10), NOW.plusSeconds(600));
        record H(String name, UserStanding user, boolean fenced, OrgConfig org, String reason) {
        }
        for (H h : List.of(
                new H("unknown account: ordinary", null, false, null, "allowed"),
                new H("managed", user("o-acme", true, UserStatus.ACTIVE, null), false, ACME, "sso-required"),
                new H("managed, org unknown", user("o-gone", true, UserStatus.ACTIVE, null), false, null, "sso-required"),
                new H("basic member", user("o-basic", true, UserStatus.ACTIVE, null), false, BASIC, "allowed"),
                new H("basic member deactivated", user("o-basic", true, UserStatus.DEACTIVATED, null), false, BASIC,
                        "user-inactive"),
                new H("basic member fenced", user("o-basic", true, UserStatus.ACTIVE, null), true, BASIC, "user-inactive"),
                new H("issued before revocation", user("o-basic", true, UserStatus.ACTIVE, NOW), false, BASIC,
                        "issued-before-revocation"),
                new H("ordinary known account", user(null, false, UserStatus.ACTIVE, null), false, null, "allowed"))) {
            assertEquals(h.reason(), EnforcementRules.decideHubCredential(id, h.user(), h.fenced(), h.org()).reason(),
                    h.name());
        }
        Verdict.Allowed ordinary = (Verdict.Allowed) EnforcementRules.decideHubCredential(id, null, false, null);
        assertEquals("hub", ordinary.auth());
        assertFalse(ordinary.managed());
        assertEquals("alice", ordinary.user().username());
    }

    @Test
    void targetOrgEnforcement() {
        UserStanding member = user("o-basic", true, UserStatus.ACTIVE, null);
        UserStanding outsider = user("o-acme", true, UserStatus.ACTIVE, null);
        Verdict.Allowed hub = new Verdict.Allowed(member, null, "hub", null, null, false);
        Verdict.Allowed sso = new Verdict.Allowed(member, null, "sso:basic", "sso:basic", "s1", false);
        Verdict.Allowed boundToken = new Verdict.Allowed(member, null, "token", "sso:basic", null, false);
        Verdict.Allowed otherSso = new Verdict.Allowed(outsider, null, "sso:acme", "sso:acme", "s2", true);

        Verdict refused = EnforcementRules.enforceTarget(hub, BASIC);
        assertEquals("sso-required", refused.reason());
        assertEquals("basic", ((Verdict.Denied) refused).loginOrg());
        assertEquals("allowed", EnforcementRules.enforceTarget(sso, BASIC).reason());
        assertEquals("allowed", EnforcementRules.enforceTarget(boundToken, BASIC).reason());
        assertEquals("allowed", EnforcementRules.enforceTarget(otherSso, BASIC).reason(), "non-members: policy's job");
        assertEquals("allowed", EnforcementRules.enforceTarget(hub, BASIC_NO_IDP).reason(), "no IdP: no enforcement");
        assertEquals("allowed", EnforcementRules.enforceTarget(hub, null).reason());
        assertEquals("allowed", EnforcementRules.enforceTarget(hub, ACME).reason(), "managed mode: enforced per account");
    }

    @Test
    void loginLocationsNeverRedirectOffSite() {
        assertEquals("/login/acme?redirect_uri=%2Fa%2Fb%3Fc%3Dd", EnforcementRules.loginLocation("/login", "acme", "/a/b?c=d"));
        assertEquals("/login", EnforcementRules.loginLocation("/login", null, null));
        assertEquals("/login/my%20org", EnforcementRules.loginLocation("/login", "my org", ""));
        for (String bad : List.of("//evil.example/", "/\\evil.example", "https://evil.example/", "evil", "/a b",
                "/a\r\nSet-Cookie: x=y")) {
            assertEquals("/login/acme", EnforcementRules.loginLocation("/login", "acme", bad), bad);
        }
    }

    @Test
    void browserNavigationIsAnHtmlGetOrHead() {
        assertTrue(new ForwardedRequest(null, null, "text/html,*/*", null, null, null).isBrowserNavigation());
        assertTrue(new ForwardedRequest(null, null, "text/html", "HEAD", null, null).isBrowserNavigation());
        assertFalse(new ForwardedRequest(null, null, "text/html", "POST", null, null).isBrowserNavigation());
        assertFalse(new ForwardedRequest(null, null, "application/json", "GET", null, null).isBrowserNavigation());
        assertFalse(new ForwardedRequest(null, null, null, "GET", null, null).isBrowserNavigation());
    }
}
