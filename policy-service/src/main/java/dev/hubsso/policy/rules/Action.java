package dev.hubsso.policy.rules;

import java.util.HashMap;
import java.util.Map;

/**
 * What a subject wants to do. A closed set: the hub asks about these actions only, and an
 * action this service does not know is a caller error, never a silent allow.
 *
 * <p>An enum rather than a record: the set is closed, and the rules switch over it.
 */
public enum Action {
    /** Create a repository; the resource is the new repository, its visibility the one asked for. */
    REPO_CREATE("repo.create", Target.REPOSITORY),
    /** Change a repository's visibility; the resource visibility is the <em>new</em> visibility. */
    REPO_UPDATE_VISIBILITY("repo.update_visibility", Target.REPOSITORY),
    /** Read (clone, download, view) a repository; the resource visibility is its current one. */
    REPO_READ("repo.read", Target.REPOSITORY),
    /** Push or commit to a repository. */
    REPO_WRITE("repo.write", Target.REPOSITORY),
    /** Open a pull request or discussion, comment. */
    REPO_CONTRIBUTE("repo.contribute", Target.REPOSITORY),
    /** Fork a repository; the resource is the fork: its namespace is the target, its visibility the fork's. */
    REPO_FORK("repo.fork", Target.REPOSITORY),
    /** Join an organization; the resource namespace is the organization. */
    ORG_JOIN("org.join", Target.ORGANIZATION),
    /** Accept an invitation to an organization; the resource namespace is the organization. */
    ORG_INVITE_ACCEPT("org.invite_accept", Target.ORGANIZATION),
    /** Create an API token for oneself; no resource. */
    TOKEN_CREATE("token.create", Target.NONE);

    /** What the resource of an action must describe. */
    public enum Target {
        /** type, namespace and visibility of a repository */
        REPOSITORY,
        /** an organization namespace */
        ORGANIZATION,
        /** nothing: the resource is ignored */
        NONE
    }

    private static final Map<String, Action> BY_WIRE_NAME = new HashMap<>();

    static {
        for (Action a : values()) {
            BY_WIRE_NAME.put(a.wireName, a);
        }
    }

    private final String wireName;
    private final Target target;

    Action(String wireName, Target target) {
        this.wireName = wireName;
        this.target = target;
    }

    /** The name used in requests, e.g. {@code repo.create}. */
    public String wireName() {
        return wireName;
    }

    /** What the resource of this action must describe. */
    public Target target() {
        return target;
    }

    /** The action of a wire name, or null if there is none (exact, case-sensitive match). */
    public static Action fromWireName(String wireName) {
        return wireName == null ? null : BY_WIRE_NAME.get(wireName);
    }
}
