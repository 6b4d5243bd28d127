package dev.hubsso.policy.rules;

/** Whether an account may act at all. */
public enum AccountStatus {
    ACTIVE, DEACTIVATED, DELETED
}
