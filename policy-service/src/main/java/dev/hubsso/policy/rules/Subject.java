package dev.hubsso.policy.rules;

import java.util.Objects;

/**
 * A hub account as the rules see it.
 *
 * @param userId hub account id
 * @param username hub username
 * @param managed true if an organization's identity provider owns the account
 * @param status active, deactivated or deleted
 * @param orgId the managing organization, or null for an unmanaged account
 * @param version account version the snapshot reflects (higher wins)
 */
public record Subject(String userId, String username, boolean managed, AccountStatus status, String orgId, long version) {

    public Subject {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
    }
}
