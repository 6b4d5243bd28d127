package dev.hubsso.scim.patch;

import dev.hubsso.scim.users.model.ScimUser;
import java.util.List;

/**
 * The outcome of a PATCH.
 *
 * @param user the user after every operation
 * @param changedAttributes SCIM paths whose values changed; empty for a no-op PATCH
 */
public record PatchResult(ScimUser user, List<String> changedAttributes) {

    public PatchResult {
        changedAttributes = List.copyOf(changedAttributes);
    }

    /** False when the PATCH left every value as it was (no new version, no event). */
    public boolean changed() {
        return !changedAttributes.isEmpty();
    }
}
