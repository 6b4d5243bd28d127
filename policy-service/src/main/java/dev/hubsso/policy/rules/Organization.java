package dev.hubsso.policy.rules;

import java.util.Objects;

/**
 * An organization's settings as the rules see them.
 *
 * @param orgId organization id
 * @param name organization name, as in namespaces (compared case-insensitively)
 * @param publicContentAllowed whether members may create public content in the org
 * @param deleted true once the organization was removed
 * @param version organization version the snapshot reflects (higher wins)
 */
public record Organization(String orgId, String name, boolean publicContentAllowed, boolean deleted, long version) {

    public Organization {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(name, "name");
    }
}
