package dev.hubsso.policy.decisions;

import dev.hubsso.policy.projection.ProjectionFollower;
import dev.hubsso.policy.rules.Rule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Answers questions from the projection as it is now. */
@ApplicationScoped
public class DecisionService {

    @Inject
    ProjectionFollower follower;

    @Inject
    MeterRegistry registry;

    /** One counter per rule, precomputed so counting a decision allocates nothing. */
    private Counter[] decisionsByRule;

    @PostConstruct
    void registerMeters() {
        Rule[] rules = Rule.values();
        decisionsByRule = new Counter[rules.length];
        for (Rule r : rules) {
            decisionsByRule[r.ordinal()] = Counter.builder("hub.policy.decisions")
                    .description("Decisions taken, by rule")
                    .tag("rule", r.id())
                    .tag("reason", r.decision().reason().code())
                    .tag("allow", Boolean.toString(r.decision().allow()))
                    .register(registry);
        }
        Gauge.builder("hub.policy.projection.users", follower, f -> f.projection().userCount())
                .description("Accounts held by the projection").register(registry);
        Gauge.builder("hub.policy.projection.organizations", follower, f -> f.projection().orgCount())
                .description("Organizations held by the projection").register(registry);
        Gauge.builder("hub.policy.fence.entries", follower, ProjectionFollower::fenceSize)
                .description("Managed accounts the IdP deactivation fence currently refuses or tracks").register(registry);
        Gauge.builder("hub.policy.position.waiting", follower, ProjectionFollower::waiting)
                .description("Decisions waiting for the projection to reach their minPosition").register(registry);
    }

    /** Decides on the projection as it is now; the position answered is one the decision reflects at least. */
    DecisionResponse decideNow(Question q) {
        // read before evaluating: every record before these positions is already applied
        Map<TopicPartition, Long> positions = follower.positions();
        return DecisionResponse.of(decide(q).decision(), follower.encode(positions));
    }

    /** Decides every question on the projection as it is now, in order, under one position. */
    BatchDecisionResponse decideNow(List<Question> questions) {
        Map<TopicPartition, Long> positions = follower.positions();
        List<BatchDecisionResponse.Answer> answers = new ArrayList<>(questions.size());
        for (Question q : questions) {
            answers.add(BatchDecisionResponse.Answer.of(decide(q)));
        }
        return new BatchDecisionResponse(follower.encode(positions), answers);
    }

    private Rule decide(Question q) {
        Rule rule = follower.rule(q.userId(), q.username(), q.action(), q.resource());
        decisionsByRule[rule.ordinal()].increment();
        return rule;
    }
}
