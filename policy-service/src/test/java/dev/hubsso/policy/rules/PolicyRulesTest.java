package dev.hubsso.policy.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.policy.rules.Resource.Namespace;
import dev.hubsso.policy.rules.Resource.Type;
import dev.hubsso.policy.rules.Resource.Visibility;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per rule and combination of the managed-account rules. */
class PolicyRulesTest {

    static final Organization ACME = new Organization("o-acme", "acme", true, false, 3);
    static final Organization CLOSED = new Organization("o-closed", "closed", false, false, 1);
    static final Organization GONE = new Organization("o-gone", "gone", true, true, 9);

    static final Subject ALICE = managed("u-alice", "alice-acme", "o-acme", AccountStatus.ACTIVE);
    static final Subject CAROL = managed("u-carol", "carol-cl", "o-closed", AccountStatus.ACTIVE);
    static final Subject DAN = managed("u-dan", "dan-acme", "o-acme", AccountStatus.DEACTIVATED);
    static final Subject EVE = managed("u-eve", "eve-acme", "o-acme", AccountStatus.DELETED);
    static final Subject ORPHAN = managed("u-orphan", "orphan-gone", "o-gone", AccountStatus.ACTIVE);
    static final Subject BOB = new Subject("u-bob", "bob", false, AccountStatus.ACTIVE, null, 1);
    static final Subject BOB_DEACTIVATED = new Subject("u-bob", "bob", false, AccountStatus.DEACTIVATED, null, 2);

    record Case(String name, Subject subject, Organization org, Action action, Resource resource, Rule expected, boolean idpRefused) {
        Case(String name, Subject subject, Organization org, Action action, Resource resource, Rule expected) {
            this(name, subject, org, action, resource, expected, false);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        // who is asking
        c.add(new Case("unknown subject: allowed, hub ACLs apply", null, null, Action.REPO_CREATE, repo("user", "stranger", "public"), Rule.UNKNOWN_SUBJECT));
        c.add(new Case("unknown subject: org.join", null, null, Action.ORG_JOIN, Resource.organization("acme"), Rule.UNKNOWN_SUBJECT));
        c.add(new Case("unmanaged: personal namespace is fine", BOB, null, Action.REPO_CREATE, repo("user", "bob", "public"), Rule.NOT_MANAGED));
        c.add(new Case("unmanaged: joins any org", BOB, null, Action.ORG_JOIN, Resource.organization("closed"), Rule.NOT_MANAGED));
        c.add(new Case("unmanaged but deactivated: denied", BOB_DEACTIVATED, null, Action.REPO_READ, repo("org", "acme", "public"), Rule.ACCOUNT_DEACTIVATED));
        for (Action a : Action.values()) {
            Resource r = a.target() == Action.Target.ORGANIZATION ? Resource.organization("acme")
                    : a.target() == Action.Target.NONE ? null : repo("org", "acme", "public");
            c.add(new Case("deactivated: " + a.wireName() + " in own org denied", DAN, ACME, a, r, Rule.ACCOUNT_DEACTIVATED));
            c.add(new Case("deleted: " + a.wireName() + " in own org denied", EVE, ACME, a, r, Rule.ACCOUNT_DELETED));
        }
        // the IdP already said active=false over SCIM; provisioning's event is still on its way
        for (Action a : Action.values()) {
            Resource r = a.target() == Action.Target.ORGANIZATION ? Resource.organization("acme")
                    : a.target() == Action.Target.NONE ? null : repo("org", "acme", "private");
            c.add(new Case("IdP-refused managed: " + a.wireName() + " in own org denied", ALICE, ACME, a, r, Rule.IDP_DEACTIVATED, true));
        }
        c.add(new Case("IdP-refused and already deleted: deleted wins", EVE, ACME, Action.REPO_READ, repo("org", "acme", "public"), Rule.ACCOUNT_DELETED, true));
        c.add(new Case("IdP-refused and already deactivated: deactivated", DAN, ACME, Action.REPO_READ, repo("org", "acme", "public"), Rule.ACCOUNT_DEACTIVATED, true));
        c.add(new Case("IdP fence never touches unmanaged accounts", BOB, null, Action.REPO_CREATE, repo("user", "bob", "public"), Rule.NOT_MANAGED, true));
        c.add(new Case("IdP fence never touches unknown accounts", null, null, Action.TOKEN_CREATE, null, Rule.UNKNOWN_SUBJECT, true));
        // personal namespace
        for (Action a : List.of(Action.REPO_CREATE, Action.REPO_WRITE, Action.REPO_CONTRIBUTE, Action.REPO_FORK, Action.REPO_UPDATE_VISIBILITY)) {
            c.add(new Case("managed: " + a.wireName() + " in personal namespace", ALICE, ACME, a, repo("user", "alice-acme", "private"), Rule.MANAGED_PERSONAL_CONTENT));
        }
        c.add(new Case("managed: personal namespace, any case", ALICE, ACME, Action.REPO_CREATE, repo("user", "Alice-ACME", "private"), Rule.MANAGED_PERSONAL_CONTENT));
        c.add(new Case("managed: personal namespace even if org allows public", ALICE, ACME, Action.REPO_CREATE, repo("user", "alice-acme", "public"), Rule.MANAGED_PERSONAL_CONTENT));
        c.add(new Case("managed: personal namespace read", ALICE, ACME, Action.REPO_READ, repo("user", "alice-acme", "private"), Rule.MANAGED_PERSONAL_READ));
        // another user's namespace
        c.add(new Case("managed: read another user's public repo", ALICE, ACME, Action.REPO_READ, repo("user", "bob", "public"), Rule.MANAGED_OUTSIDE_PUBLIC_READ));
        c.add(new Case("managed: read another user's private repo", ALICE, ACME, Action.REPO_READ, repo("user", "bob", "private"), Rule.MANAGED_OUTSIDE_PRIVATE_READ));
        c.add(new Case("managed: PR to another user's public repo", ALICE, ACME, Action.REPO_CONTRIBUTE, repo("user", "bob", "public"), Rule.MANAGED_OUTSIDE_CONTRIBUTION));
        c.add(new Case("managed: push to another user's repo", ALICE, ACME, Action.REPO_WRITE, repo("user", "bob", "public"), Rule.MANAGED_OUTSIDE_CONTRIBUTION));
        // another organization
        c.add(new Case("managed: read other org public", ALICE, ACME, Action.REPO_READ, repo("org", "closed", "public"), Rule.MANAGED_OUTSIDE_PUBLIC_READ));
        c.add(new Case("managed: read other org private", ALICE, ACME, Action.REPO_READ, repo("org", "closed", "private"), Rule.MANAGED_OUTSIDE_PRIVATE_READ));
        for (Action a : List.of(Action.REPO_CREATE, Action.REPO_WRITE, Action.REPO_CONTRIBUTE, Action.REPO_FORK, Action.REPO_UPDATE_VISIBILITY)) {
            c.add(new Case("managed: " + a.wireName() + " in other org (public)", ALICE, ACME, a, repo("org", "closed", "public"), Rule.MANAGED_OUTSIDE_CONTRIBUTION));
            c.add(new Case("managed: " + a.wireName() + " in other org (private)", ALICE, ACME, a, repo("org", "closed", "private"), Rule.MANAGED_OUTSIDE_CONTRIBUTION));
        }
        c.add(new Case("managed: user namespace named like own org is not the org", ALICE, ACME, Action.REPO_CREATE, repo("user", "acme", "private"), Rule.MANAGED_OUTSIDE_CONTRIBUTION));
        // own organization
        c.add(new Case("managed: create private in own org", ALICE, ACME, Action.REPO_CREATE, repo("org", "acme", "private"), Rule.MANAGED_OWN_ORG_PRIVATE_CONTENT));
        c.add(new Case("managed: own org name any case", ALICE, ACME, Action.REPO_CREATE, repo("org", "ACME", "private"), Rule.MANAGED_OWN_ORG_PRIVATE_CONTENT));
        c.add(new Case("managed: create public, org allows public", ALICE, ACME, Action.REPO_CREATE, repo("org", "acme", "public"), Rule.MANAGED_OWN_ORG_PUBLIC_CONTENT));
        c.add(new Case("managed: create public, org disallows public", CAROL, CLOSED, Action.REPO_CREATE, repo("org", "closed", "public"), Rule.MANAGED_OWN_ORG_PUBLIC_DISABLED));
        c.add(new Case("managed: create private, org disallows public", CAROL, CLOSED, Action.REPO_CREATE, repo("org", "closed", "private"), Rule.MANAGED_OWN_ORG_PRIVATE_CONTENT));
        c.add(new Case("managed: make public, org allows public", ALICE, ACME, Action.REPO_UPDATE_VISIBILITY, repo("org", "acme", "public"), Rule.MANAGED_OWN_ORG_PUBLIC_CONTENT));
        c.add(new Case("managed: make public, org disallows public", CAROL, CLOSED, Action.REPO_UPDATE_VISIBILITY, repo("org", "closed", "public"), Rule.MANAGED_OWN_ORG_PUBLIC_DISABLED));
        c.add(new Case("managed: make private, org disallows public", CAROL, CLOSED, Action.REPO_UPDATE_VISIBILITY, repo("org", "closed", "private"), Rule.MANAGED_OWN_ORG_PRIVATE_CONTENT));
        c.add(new Case("managed: read own org private", CAROL, CLOSED, Action.REPO_READ, repo("org", "closed", "private"), Rule.MANAGED_OWN_ORG_ACCESS));
        c.add(new Case("managed: push own org public even if public disabled", CAROL, CLOSED, Action.REPO_WRITE, repo("org", "closed", "public"), Rule.MANAGED_OWN_ORG_ACCESS));
        c.add(new Case("managed: contribute own org", ALICE, ACME, Action.REPO_CONTRIBUTE, repo("org", "acme", "private"), Rule.MANAGED_OWN_ORG_ACCESS));
        // fork: the namespace is the target
        c.add(new Case("managed: fork into own org private", CAROL, CLOSED, Action.REPO_FORK, repo("org", "closed", "private"), Rule.MANAGED_OWN_ORG_PRIVATE_CONTENT));
        c.add(new Case("managed: fork into own org public, allowed", ALICE, ACME, Action.REPO_FORK, repo("org", "acme", "public"), Rule.MANAGED_OWN_ORG_PUBLIC_CONTENT));
        c.add(new Case("managed: fork into own org public, disallowed", CAROL, CLOSED, Action.REPO_FORK, repo("org", "closed", "public"), Rule.MANAGED_OWN_ORG_PUBLIC_DISABLED));
        c.add(new Case("managed: fork into personal namespace", ALICE, ACME, Action.REPO_FORK, repo("user", "alice-acme", "public"), Rule.MANAGED_PERSONAL_CONTENT));
        c.add(new Case("managed: fork into other org", ALICE, ACME, Action.REPO_FORK, repo("org", "closed", "private"), Rule.MANAGED_OUTSIDE_CONTRIBUTION));
        // organizations
        c.add(new Case("managed: join own org", ALICE, ACME, Action.ORG_JOIN, Resource.organization("acme"), Rule.MANAGED_OWN_ORG_JOIN));
        c.add(new Case("managed: join other org", ALICE, ACME, Action.ORG_JOIN, Resource.organization("closed"), Rule.MANAGED_OTHER_ORG_JOIN));
        c.add(new Case("managed: accept invitation to own org", CAROL, CLOSED, Action.ORG_INVITE_ACCEPT, Resource.organization("Closed"), Rule.MANAGED_OWN_ORG_JOIN));
        c.add(new Case("managed: accept invitation to other org", CAROL, CLOSED, Action.ORG_INVITE_ACCEPT, Resource.organization("acme"), Rule.MANAGED_OTHER_ORG_JOIN));
        c.add(new Case("managed: join with a user namespace", ALICE, ACME, Action.ORG_JOIN, repo("user", "acme", "public"), Rule.MANAGED_OTHER_ORG_JOIN));
        // tokens
        c.add(new Case("managed active: token.create", ALICE, ACME, Action.TOKEN_CREATE, null, Rule.MANAGED_TOKEN_CREATE));
        c.add(new Case("managed active: token.create ignores resource", CAROL, CLOSED, Action.TOKEN_CREATE, repo("user", "carol-cl", "public"), Rule.MANAGED_TOKEN_CREATE));
        // missing facts fail closed
        c.add(new Case("managing org unknown: no org namespace is own", ORPHAN, null, Action.REPO_CREATE, repo("org", "gone", "private"), Rule.MANAGED_OUTSIDE_CONTRIBUTION));
        c.add(new Case("managing org deleted: no org namespace is own", ORPHAN, GONE, Action.REPO_WRITE, repo("org", "gone", "private"), Rule.MANAGED_OUTSIDE_CONTRIBUTION));
        c.add(new Case("managing org deleted: cannot join it", ORPHAN, GONE, Action.ORG_JOIN, Resource.organization("gone"), Rule.MANAGED_OTHER_ORG_JOIN));
        c.add(new Case("managing org deleted: public reads stay", ORPHAN, GONE, Action.REPO_READ, repo("org", "closed", "public"), Rule.MANAGED_OUTSIDE_PUBLIC_READ));
        c.add(new Case("org of another id passed: not the managing org", ALICE, CLOSED, Action.REPO_CREATE, repo("org", "closed", "private"), Rule.MANAGED_OUTSIDE_CONTRIBUTION));
        c.add(new Case("no visibility given: read counts as private", ALICE, ACME, Action.REPO_READ, new Resource(Type.MODEL, new Namespace(Namespace.Kind.ORG, "closed"), null, null), Rule.MANAGED_OUTSIDE_PRIVATE_READ));
        c.add(new Case("no visibility given: create counts as public", CAROL, CLOSED, Action.REPO_CREATE, new Resource(Type.MODEL, new Namespace(Namespace.Kind.ORG, "closed"), null, null), Rule.MANAGED_OWN_ORG_PUBLIC_DISABLED));
        c.add(new Case("no resource for a repo action: fails closed", ALICE, ACME, Action.REPO_WRITE, null, Rule.MANAGED_OUTSIDE_CONTRIBUTION));
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Case c) {
        Decision d = PolicyRules.decide(c.subject(), c.org(), c.action(), c.resource(), c.idpRefused());
        assertEquals(c.expected().id(), d.rule(), "rule");
        assertEquals(c.expected().decision().reason(), d.reason(), "reason");
        assertEquals(c.expected().decision().allow(), d.allow(), "allow");
        assertSame(c.expected().decision(), d, "decisions are the precomputed ones (no allocation)");
        if (!c.idpRefused()) {
            assertSame(d, PolicyRules.decide(c.subject(), c.org(), c.action(), c.resource()), "the 4-argument form means: not refused by the IdP");
        }
    }

    @Test
    void reasonsFollowTheHubSemantics() {
        assertEquals(Reason.MANAGED_PERSONAL_NAMESPACE, Rule.MANAGED_PERSONAL_CONTENT.decision().reason());
        assertEquals(Reason.MANAGED_OUTSIDE_ORG, Rule.MANAGED_OUTSIDE_CONTRIBUTION.decision().reason());
        assertEquals(Reason.MANAGED_OUTSIDE_ORG, Rule.MANAGED_OUTSIDE_PRIVATE_READ.decision().reason());
        assertEquals(Reason.PUBLIC_CONTENT_DISABLED, Rule.MANAGED_OWN_ORG_PUBLIC_DISABLED.decision().reason());
        assertEquals(Reason.MANAGED_ORG_JOIN, Rule.MANAGED_OTHER_ORG_JOIN.decision().reason());
        for (Rule r : Rule.values()) {
            Reason reason = r.decision().reason();
            boolean allowingReason = reason == Reason.ALLOWED || reason == Reason.NOT_MANAGED || reason == Reason.UNKNOWN_SUBJECT;
            assertEquals(allowingReason, r.decision().allow(), r + ": allow matches its reason");
            assertFalse(r.decision().message().isBlank(), r + " has a message");
        }
    }

    @Test
    void everyRuleHasARow() {
        Set<Rule> covered = cases().stream().map(Case::expected).collect(Collectors.toCollection(() -> EnumSet.noneOf(Rule.class)));
        assertEquals(EnumSet.allOf(Rule.class), covered);
    }

    @Test
    void ruleIdsAreUnique() {
        Set<String> ids = EnumSet.allOf(Rule.class).stream().map(Rule::id).collect(Collectors.toSet());
        assertEquals(Rule.values().length, ids.size());
    }

    @Test
    void orgChangingPublicContentBetweenTwoEvaluations() {
        Resource publicInClosed = repo("org", "closed", "public");
        Decision before = PolicyRules.decide(CAROL, CLOSED, Action.REPO_CREATE, publicInClosed);
        Organization opened = new Organization("o-closed", "closed", true, false, 2);
        Decision after = PolicyRules.decide(CAROL, opened, Action.REPO_CREATE, publicInClosed);
        assertFalse(before.allow());
        assertEquals(Reason.PUBLIC_CONTENT_DISABLED, before.reason());
        assertTrue(after.allow());
        assertEquals(Reason.ALLOWED, after.reason());
    }

    @Test
    void wireNamesRoundTrip() {
        for (Action a : Action.values()) {
            assertSame(a, Action.fromWireName(a.wireName()));
        }
        assertEquals(null, Action.fromWireName("REPO.CREATE"));
        assertEquals(null, Action.fromWireName("repo.delete"));
        assertSame(Type.SPACE, Type.fromWireName("space"));
        assertSame(Visibility.PRIVATE, Visibility.fromWireName("private"));
        assertSame(Namespace.Kind.ORG, Namespace.Kind.fromWireName("org"));
        assertEquals(null, Namespace.Kind.fromWireName("team"));
    }

    static Subject managed(String id, String username, String orgId, AccountStatus status) {
        return new Subject(id, username, true, status, orgId, 1);
    }

    static Resource repo(String kind, String name, String visibility) {
        return Resource.repository(Type.MODEL, new Namespace(Namespace.Kind.fromWireName(kind), name),
                Visibility.fromWireName(visibility), "r");
    }
}
