package dev.hubsso.policy.rules;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What an action is about. For repository actions: the repository's type, namespace and
 * visibility (for {@link Action#REPO_CREATE} and {@link Action#REPO_FORK} the new repository,
 * for {@link Action#REPO_UPDATE_VISIBILITY} the visibility asked for). For organization actions:
 * only the namespace. {@link Action#TOKEN_CREATE} has none.
 *
 * @param type model, dataset or space; null for organization actions
 * @param namespace where the repository lives, or the organization
 * @param visibility public or private; null for organization actions
 * @param repo the repository name, if known (informational; no rule depends on it)
 */
public record Resource(Type type, Namespace namespace, Visibility visibility, String repo) {

    /** A repository resource. */
    public static Resource repository(Type type, Namespace namespace, Visibility visibility, String repo) {
        return new Resource(type, namespace, visibility, repo);
    }

    /** An organization resource (for {@code org.join}, {@code org.invite_accept}). */
    public static Resource organization(String name) {
        return new Resource(null, new Namespace(Namespace.Kind.ORG, name), null, null);
    }

    /** Kinds of hub repositories. */
    public enum Type {
        MODEL("model"), DATASET("dataset"), SPACE("space");

        private static final Map<String, Type> BY_WIRE_NAME = index(values(), Type::wireName);
        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** The type of a wire name, or null. */
        public static Type fromWireName(String s) {
            return s == null ? null : BY_WIRE_NAME.get(s);
        }
    }

    /** Repository visibility. */
    public enum Visibility {
        PUBLIC("public"), PRIVATE("private");

        private static final Map<String, Visibility> BY_WIRE_NAME = index(values(), Visibility::wireName);
        private final String wireName;

        Visibility(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** The visibility of a wire name, or null. */
        public static Visibility fromWireName(String s) {
            return s == null ? null : BY_WIRE_NAME.get(s);
        }
    }

    /**
     * A namespace: a user's personal one or an organization's.
     *
     * @param kind user or org
     * @param name the user or organization name (compared case-insensitively)
     */
    public record Namespace(Kind kind, String name) {

        /** Whose namespace it is. */
        public enum Kind {
            USER("user"), ORG("org");

            private static final Map<String, Kind> BY_WIRE_NAME = index(values(), Kind::wireName);
            private final String wireName;

            Kind(String wireName) {
                this.wireName = wireName;
            }

            public String wireName() {
                return wireName;
            }

            /** The kind of a wire name, or null. */
            public static Kind fromWireName(String s) {
                return s == null ? null : BY_WIRE_NAME.get(s);
            }
        }
    }

    private static <E> Map<String, E> index(E[] values, Function<E, String> wireName) {
        Map<String, E> m = new HashMap<>();
        for (E e : values) {
            m.put(wireName.apply(e), e);
        }
        return Map.copyOf(m);
    }
}
