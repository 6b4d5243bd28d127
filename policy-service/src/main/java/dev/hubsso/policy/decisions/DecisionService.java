package dev.hubsso.policy.decisions;

import dev.hubsso.policy.projection.PolicyProjection;
import dev.hubsso.policy.projection.ProjectionFollower;
import dev.hubsso.policy.rules.Organization;
import dev.hubsso.policy.rules.PolicyRules;
import dev.hubsso.policy.rules.Rule;
import dev.hubsso.policy.rules.Subject;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
        PolicyProjection p = follower.projection();
        Gauge.builder("hub.policy.projection.users", p, PolicyProjection::userCount)
                .description("Accounts held by the projection").register(registry);
        Gauge.builder("hub.policy.projection.organizations", p, PolicyProjection::orgCount)
                .description("Organizations held by the projection").register(registry);
        Gauge.builder("hub.policy.position.waiting", follower, ProjectionFollower::waiting)
                .description("Decisions waiting for the projection to reach their minPosition").register(registry);
    }

    /** Decides on the projection as it is now; the position answered is one the decision reflects at least. */
    DecisionResponse decideNow(Question q) {
        // read before evaluating: every record before these positions is already applied
        Map<TopicPartition, Long> positions = follower.positions();
        PolicyProjection projection = follower.projection();
        Subject subject = q.userId() != null ? projection.userById(q.userId()) : projection.userByName(q.username());
        Organization org = subject == null ? null : projection.orgById(subject.orgId());
        Rule rule = PolicyRules.rule(subject, org, q.action(), q.resource());
        decisionsByRule[rule.ordinal()].increment();
        return DecisionResponse.of(rule.decision(), follower.encode(positions));
    }
}
