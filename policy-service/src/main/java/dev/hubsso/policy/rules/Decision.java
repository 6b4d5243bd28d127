package dev.hubsso.policy.rules;

import java.util.Objects;

/**
 * The answer to "may this subject do this action on this resource".
 *
 * @param allow whether the action is allowed
 * @param reason why, as a closed code
 * @param rule the id of the rule that decided, stable across releases (for logs and audits)
 * @param message what happened, for a human (an org admin)
 */
public record Decision(boolean allow, Reason reason, String rule, String message) {

    public Decision {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }
}
