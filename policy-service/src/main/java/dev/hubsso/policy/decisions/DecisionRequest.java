package dev.hubsso.policy.decisions;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A question: may this subject do this action on this resource.
 *
 * @param subject who acts
 * @param action what they do, e.g. {@code repo.create}
 * @param resource what it is about (not needed for {@code token.create})
 * @param minPosition answer only once the projection reflects at least this position (a
 *        {@code position} from an earlier answer, or one built from a produced record)
 */
@Schema(description = "May this subject do this action on this resource")
public record DecisionRequest(
        @Schema(required = true) SubjectRef subject,
        @Schema(required = true, enumeration = { "repo.create", "repo.update_visibility", "repo.read", "repo.write",
                "repo.contribute", "repo.fork", "org.join", "org.invite_accept", "token.create" }) String action,
        ResourceRef resource,
        @Schema(description = "Wait until the projection reflects at least this position (read-your-writes)") String minPosition) {

    /**
     * The acting account: exactly one of {@code username} (case-insensitive) or {@code userId}.
     *
     * @param username hub username
     * @param userId hub account id
     */
    public record SubjectRef(String username, String userId) {
    }

    /**
     * The resource.
     *
     * @param type {@code model}, {@code dataset} or {@code space} (repository actions)
     * @param namespace where the repository lives (for {@code repo.fork}: the fork target), or
     *        the organization (for {@code org.join}, {@code org.invite_accept})
     * @param visibility {@code public} or {@code private}: the repository's, the new repository's
     *        (create, fork) or the one asked for ({@code repo.update_visibility})
     * @param repo repository name, optional
     */
    public record ResourceRef(
            @Schema(enumeration = { "model", "dataset", "space" }) String type,
            NamespaceRef namespace,
            @Schema(enumeration = { "public", "private" }) String visibility,
            String repo) {
    }

    /**
     * A namespace.
     *
     * @param kind {@code user} or {@code org}
     * @param name user or organization name
     */
    public record NamespaceRef(@Schema(enumeration = { "user", "org" }) String kind, String name) {
    }
}
