package dev.hubsso.policy.bench;

import dev.hubsso.policy.rules.AccountStatus;
import dev.hubsso.policy.rules.Action;
import dev.hubsso.policy.rules.Organization;
import dev.hubsso.policy.rules.Resource;
import dev.hubsso.policy.rules.Resource.Namespace;
import dev.hubsso.policy.rules.Resource.Type;
import dev.hubsso.policy.rules.Resource.Visibility;
import dev.hubsso.policy.rules.Subject;
import java.util.List;

/** The mix of questions both engines answer: one or more per rule, as internal hub services ask them. */
final class BenchQuestions {

    static final Organization ACME = new Organization("o-acme", "acme", true, false, 3);
    static final Organization CLOSED = new Organization("o-closed", "closed", false, false, 1);
    static final Organization GONE = new Organization("o-gone", "gone", true, true, 9);

    static final Subject ALICE = managed("u-alice", "alice-acme", "o-acme", AccountStatus.ACTIVE);
    static final Subject CAROL = managed("u-carol", "carol-cl", "o-closed", AccountStatus.ACTIVE);
    static final Subject DAN = managed("u-dan", "dan-acme", "o-acme", AccountStatus.DEACTIVATED);
    static final Subject EVE = managed("u-eve", "eve-acme", "o-acme", AccountStatus.DELETED);
    static final Subject ORPHAN = managed("u-orphan", "orphan-gone", "o-gone", AccountStatus.ACTIVE);
    static final Subject BOB = new Subject("u-bob", "bob", false, AccountStatus.ACTIVE, null, 1);

    /**
     * @param subject the account
     * @param org its managing organization, or null
     * @param action the action
     * @param resource the resource
     */
    record Question(Subject subject, Organization org, Action action, Resource resource) {
    }

    static final List<Question> ALL = List.of(
            new Question(ALICE, ACME, Action.REPO_CREATE, repo("org", "acme", "private")),
            new Question(ALICE, ACME, Action.REPO_CREATE, repo("org", "acme", "public")),
            new Question(CAROL, CLOSED, Action.REPO_CREATE, repo("org", "closed", "public")),
            new Question(ALICE, ACME, Action.REPO_WRITE, repo("org", "acme", "private")),
            new Question(ALICE, ACME, Action.REPO_CREATE, repo("user", "alice-acme", "private")),
            new Question(ALICE, ACME, Action.REPO_READ, repo("user", "alice-acme", "private")),
            new Question(ALICE, ACME, Action.REPO_READ, repo("org", "closed", "public")),
            new Question(ALICE, ACME, Action.REPO_READ, repo("org", "closed", "private")),
            new Question(ALICE, ACME, Action.REPO_CONTRIBUTE, repo("user", "bob", "public")),
            new Question(CAROL, CLOSED, Action.REPO_FORK, repo("org", "closed", "public")),
            new Question(CAROL, CLOSED, Action.REPO_UPDATE_VISIBILITY, repo("org", "closed", "private")),
            new Question(ALICE, ACME, Action.ORG_JOIN, Resource.organization("acme")),
            new Question(CAROL, CLOSED, Action.ORG_INVITE_ACCEPT, Resource.organization("acme")),
            new Question(ALICE, ACME, Action.TOKEN_CREATE, null),
            new Question(DAN, ACME, Action.REPO_READ, repo("org", "acme", "public")),
            new Question(EVE, ACME, Action.TOKEN_CREATE, null),
            new Question(BOB, null, Action.REPO_CREATE, repo("user", "bob", "public")),
            new Question(ORPHAN, GONE, Action.REPO_WRITE, repo("org", "gone", "private")));

    private BenchQuestions() {
    }

    static Subject managed(String id, String username, String orgId, AccountStatus status) {
        return new Subject(id, username, true, status, orgId, 1);
    }

    static Resource repo(String kind, String name, String visibility) {
        return Resource.repository(Type.MODEL, new Namespace(Namespace.Kind.fromWireName(kind), name),
                Visibility.fromWireName(visibility), "r");
    }
}
