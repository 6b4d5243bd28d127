package dev.hubsso.policy.decisions;

import dev.hubsso.policy.rules.Decision;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An answer.
 *
 * @param allow whether the action is allowed
 * @param reason closed code: {@code ALLOWED}, {@code NOT_MANAGED}, {@code UNKNOWN_SUBJECT},
 *        {@code ACCOUNT_DEACTIVATED}, {@code ACCOUNT_DELETED}, {@code MANAGED_PERSONAL_NAMESPACE},
 *        {@code MANAGED_OUTSIDE_ORG}, {@code PUBLIC_CONTENT_DISABLED}, {@code MANAGED_ORG_JOIN}
 * @param rule stable id of the rule that decided
 * @param message what happened and what an organization admin can change
 * @param position the projection position the answer reflects at least; pass it as
 *        {@code minPosition} to get an answer at least as recent from any replica
 */
@Schema(description = "A decision and the projection position it reflects")
public record DecisionResponse(
        @Schema(description = "Whether the action is allowed") boolean allow,
        @Schema(description = "Why", enumeration = { "ALLOWED", "NOT_MANAGED", "UNKNOWN_SUBJECT", "ACCOUNT_DEACTIVATED",
                "ACCOUNT_DELETED", "MANAGED_PERSONAL_NAMESPACE", "MANAGED_OUTSIDE_ORG", "PUBLIC_CONTENT_DISABLED",
                "MANAGED_ORG_JOIN" }) String reason,
        @Schema(description = "Stable id of the rule that decided") String rule,
        @Schema(description = "What happened and what an organization admin can change") String message,
        @Schema(description = "Projection position the answer reflects at least; send it back as minPosition") String position) {

    static DecisionResponse of(Decision d, String position) {
        return new DecisionResponse(d.allow(), d.reason().code(), d.rule(), d.message(), position);
    }
}
