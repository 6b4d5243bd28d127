package dev.hubsso.policy.decisions;

import dev.hubsso.policy.rules.Decision;
import dev.hubsso.policy.rules.Rule;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Answers to a batch, in the order of its questions, all on one state of the projection.
 *
 * @param position the projection position every answer reflects at least
 * @param decisions one answer per question, same order
 */
@Schema(description = "Answers in the order of the questions, all reflecting one position")
public record BatchDecisionResponse(
        @Schema(description = "Projection position every answer reflects at least; send it back as minPosition") String position,
        @Schema(description = "One answer per question, in order") List<Answer> decisions) {

    /**
     * One answer.
     *
     * @param allow whether the action is allowed
     * @param reason closed reason code (as for a single decision)
     * @param rule stable id of the rule that decided
     * @param message what happened and what an organization admin can change
     */
    @Schema(description = "A decision of a batch")
    public record Answer(
            boolean allow,
            @Schema(enumeration = { "ALLOWED", "NOT_MANAGED", "UNKNOWN_SUBJECT", "ACCOUNT_DEACTIVATED", "ACCOUNT_DELETED",
                    "MANAGED_PERSONAL_NAMESPACE", "MANAGED_OUTSIDE_ORG", "PUBLIC_CONTENT_DISABLED", "MANAGED_ORG_JOIN" }) String reason,
            String rule,
            String message) {

        private static final Answer[] BY_RULE = precompute();

        /** The (shared, precomputed) answer of a rule. */
        static Answer of(Rule rule) {
            return BY_RULE[rule.ordinal()];
        }

        private static Answer[] precompute() {
            Rule[] rules = Rule.values();
            Answer[] a = new Answer[rules.length];
            for (int i = 0; i < rules.length; i++) {
                Decision d = rules[i].decision();
                a[i] = new Answer(d.allow(), d.reason().code(), d.rule(), d.message());
            }
            return a;
        }
    }
}
