package dev.hubsso.policy.decisions;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Several questions answered in one call, in order, on one state of the projection.
 *
 * @param questions 1 to {@code hub.policy.batch-max-questions} (default 1,000) questions, each
 *        shaped like a single decision request without {@code minPosition}
 * @param minPosition answer only once the projection reflects at least this position (for the
 *        whole batch)
 */
@Schema(description = "Up to 1,000 questions answered in order under one position")
public record BatchDecisionRequest(
        @Schema(required = true, minItems = 1, maxItems = 1000) List<DecisionRequest> questions,
        @Schema(description = "Wait until the projection reflects at least this position (read-your-writes)") String minPosition) {
}
