package dev.hubsso.policy.bench;

import dev.hubsso.events.OrgConfig;
import dev.hubsso.events.UserState;
import dev.hubsso.kit.fence.IdpDeactivationFence;
import dev.hubsso.policy.bench.BenchQuestions.Question;
import dev.hubsso.policy.projection.ProjectionFeed;
import dev.hubsso.policy.rules.Decision;
import dev.hubsso.policy.rules.PolicyRules;
import dev.hubsso.policy.rules.Rule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of one decision: the rules core, the same plus the projection lookups a request does, and
 * the same rules as Cedar policies through cedar-java. Each invocation answers every question of
 * {@link BenchQuestions#ALL} once, so the figure is the mean over that mix.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class RulesBenchmark {

    static final int N = BenchQuestions.ALL.size();

    private Question[] questions;
    private CedarPolicies cedar;
    private CedarPolicies cedarCached;
    private CedarPolicies cedarTrivial;
    private CedarPolicies.Prepared[] cedarQuestions;
    private ProjectionFeed feed;
    private String[] usernames;
    private int userCount = 100_000;

    @Setup
    public void setUp() throws Exception {
        questions = BenchQuestions.ALL.toArray(new Question[0]);
        cedar = new CedarPolicies(false);
        cedarCached = new CedarPolicies(true);
        cedarTrivial = new CedarPolicies("permit (principal, action, resource);", true);
        List<CedarPolicies.Prepared> prepared = CedarPolicies.prepareAll();
        cedarQuestions = prepared.toArray(new CedarPolicies.Prepared[0]);
        for (int i = 0; i < N; i++) {
            Question q = questions[i];
            boolean core = PolicyRules.decide(q.subject(), q.org(), q.action(), q.resource()).allow();
            boolean viaCedar = cedar.isAllowed(cedarQuestions[i]);
            if (core != viaCedar || core != cedarCached.isAllowed(cedarQuestions[i])) {
                throw new IllegalStateException("the Cedar policies disagree with the rules core on " + q);
            }
        }
        // a projection of 100,000 accounts for the lookup + rules variant (never started: no broker)
        feed = new ProjectionFeed("bench", "localhost:1", Map.of(), new IdpDeactivationFence());
        for (int o = 0; o < 100; o++) {
            feed.projection().apply(new OrgConfig("o-" + o, "org-" + o, "c" + o, OrgConfig.SsoMode.MANAGED,
                    o % 3 == 0, OrgConfig.DEFAULT_SESSION_MAX_AGE_SECONDS, List.of(), "read", List.of(), null, 1, false, Instant.now()));
        }
        for (int u = 0; u < userCount; u++) {
            feed.projection().apply(new UserState("u-" + u, "o-" + (u % 100), "user-" + u + "-c" + (u % 100), true,
                    u % 50 == 0 ? UserState.UserStatus.DEACTIVATED : UserState.UserStatus.ACTIVE, "write", Map.of(), null, null, 1,
                    Instant.now()));
        }
        usernames = new String[N];
        for (int i = 0; i < N; i++) {
            int u = (i * 7919) % userCount;
            usernames[i] = "user-" + u + "-c" + (u % 100);
        }
    }

    /** The pure rules core on subjects and organizations already at hand. */
    @Benchmark
    @OperationsPerInvocation(18)
    public void rulesCore(Blackhole bh) {
        for (Question q : questions) {
            Decision d = PolicyRules.decide(q.subject(), q.org(), q.action(), q.resource());
            bh.consume(d);
        }
    }

    /** What a request costs beyond parsing: account and organization lookups by username, fence, rules. */
    @Benchmark
    @OperationsPerInvocation(18)
    public void projectionLookupAndRules(Blackhole bh) {
        for (int i = 0; i < N; i++) {
            Question q = questions[i];
            Rule r = feed.rule(null, usernames[i], q.action(), q.resource());
            bh.consume(r);
        }
    }

    /** The same rules as Cedar policies, through cedar-java (JNI into the Rust engine). */
    @Benchmark
    @OperationsPerInvocation(18)
    public void cedarJava(Blackhole bh) throws Exception {
        for (CedarPolicies.Prepared p : cedarQuestions) {
            bh.consume(cedar.isAllowed(p));
        }
    }

    /** The same, with the policy set kept parsed on the native side ({@code PolicySet.cache()}). */
    @Benchmark
    @OperationsPerInvocation(18)
    public void cedarJavaCachedPolicies(Blackhole bh) throws Exception {
        for (CedarPolicies.Prepared p : cedarQuestions) {
            bh.consume(cedarCached.isAllowed(p));
        }
    }

    /** Calibration: cedar-java's cost per call with a single unconditional permit (the floor of any Cedar policy set). */
    @Benchmark
    @OperationsPerInvocation(18)
    public void cedarJavaTrivialPolicy(Blackhole bh) throws Exception {
        for (CedarPolicies.Prepared p : cedarQuestions) {
            bh.consume(cedarTrivial.isAllowed(p));
        }
    }
}
