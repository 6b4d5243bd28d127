package dev.hubsso.policy.projection;

import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.events.Topics;
import dev.hubsso.kit.fence.IdpDeactivationFence;
import dev.hubsso.kit.kafka.TopicFollower;
import dev.hubsso.kit.kafka.TopicFollower.Start;
import dev.hubsso.kit.kafka.TopicFollower.Subscription;
import dev.hubsso.policy.rules.AccountStatus;
import dev.hubsso.policy.rules.Action;
import dev.hubsso.policy.rules.Organization;
import dev.hubsso.policy.rules.PolicyRules;
import dev.hubsso.policy.rules.Resource;
import dev.hubsso.policy.rules.Rule;
import dev.hubsso.policy.rules.Subject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * One replica's view of the topics, without any framework: the {@link PolicyProjection} fed from
 * the compacted account and organization snapshots (from their beginning, read to their end
 * before {@link #isReady()}) and the lifecycle events (from the moment it starts), plus the
 * {@link IdpDeactivationFence} fed from {@link Topics#SCIM_CHANGES} (from the moment it starts).
 * Every partition of every topic, no consumer group: each replica holds the whole projection.
 *
 * <p>{@link #positions()} covers every followed partition, but the {@code position} written for
 * callers ({@link #encode}) names only the lifecycle, state and organization topics: the fence
 * only ever tightens for a few seconds and is not something a caller can wait for.
 *
 * <p>The Quarkus bean {@link ProjectionFollower} runs one; tests and benchmarks build more (a
 * second replica of the same topics, a restarted replica).
 */
public final class ProjectionFeed implements AutoCloseable {

    /** Topics named in positions, in the order they are written. */
    public static final List<String> POSITION_TOPICS = List.of(Topics.USER_LIFECYCLE, Topics.USER_STATE, Topics.ORG_CONFIG);

    private record Encoded(Map<TopicPartition, Long> positions, String text) {
    }

    private final PolicyProjection projection = new PolicyProjection();
    private final IdpDeactivationFence fence;
    private final PositionCodec codec = new PositionCodec(POSITION_TOPICS);
    private final TopicFollower follower;
    private final String name;
    private volatile Encoded lastEncoded = new Encoded(null, "");
    private volatile PositionWatch watch;

    /**
     * @param name follower thread name and Kafka client id
     * @param bootstrapServers Kafka brokers
     * @param consumerConfig extra Kafka consumer properties
     * @param fence the IdP deactivation fence to feed and consult
     */
    public ProjectionFeed(String name, String bootstrapServers, Map<String, Object> consumerConfig, IdpDeactivationFence fence) {
        this.name = name;
        this.fence = fence;
        this.follower = new TopicFollower(name, bootstrapServers, consumerConfig,
                List.of(new Subscription(Topics.USER_STATE, Start.BEGINNING),
                        new Subscription(Topics.ORG_CONFIG, Start.BEGINNING),
                        new Subscription(Topics.USER_LIFECYCLE, Start.END),
                        new Subscription(Topics.SCIM_CHANGES, Start.END)),
                (record, event) -> {
                    if (event instanceof ScimUserChanged scim) {
                        fence.apply(scim);
                    } else if (event != null) {
                        projection.apply(event);
                    }
                });
    }

    /** Starts following; returns at once. */
    public synchronized ProjectionFeed start() {
        if (watch == null) {
            follower.start();
            watch = new PositionWatch(follower, name);
        }
        return this;
    }

    @Override
    public synchronized void close() {
        if (watch != null) {
            watch.close();
        }
        follower.close();
    }

    /** The projection the rules decide on. */
    public PolicyProjection projection() {
        return projection;
    }

    /** The IdP deactivation fence this replica feeds. */
    public IdpDeactivationFence fence() {
        return fence;
    }

    /** True once the snapshot topics were read to the end they had at start. */
    public boolean isReady() {
        return follower.isReady();
    }

    /** Waits until {@link #isReady()}; false on timeout. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return follower.awaitReady(timeout);
    }

    /**
     * The rule deciding a question on the projection as it is now. The subject is looked up by
     * {@code userId} if given, else by {@code username}; a managed, active account whose IdP
     * already refused it over SCIM is treated as deactivated.
     */
    public Rule rule(String userId, String username, Action action, Resource resource) {
        Subject subject = userId != null ? projection.userById(userId) : projection.userByName(username);
        Organization org = subject == null ? null : projection.orgById(subject.orgId());
        boolean idpRefused = subject != null && subject.managed() && subject.status() == AccountStatus.ACTIVE
                && fence.refuses(subject.orgId(), subject.username());
        return PolicyRules.rule(subject, org, action, resource, idpRefused);
    }

    /** Positions applied so far: every record before them is in the projection (or the fence). */
    public Map<TopicPartition, Long> positions() {
        return follower.positions();
    }

    /** The text form of positions (see {@link PositionCodec}); cached, as positions change far less often than they are read. */
    public String encode(Map<TopicPartition, Long> positions) {
        Encoded e = lastEncoded;
        if (e.positions() == positions) {
            return e.text();
        }
        String text = codec.encode(positions);
        lastEncoded = new Encoded(positions, text);
        return text;
    }

    /** Parses a position given by a caller; {@link IllegalArgumentException} if malformed. */
    public Map<TopicPartition, Long> parse(String position) {
        return codec.parse(position);
    }

    /** Completes with true once the projection reached {@code target}, false after {@code timeout}. */
    public CompletableFuture<Boolean> awaitPosition(Map<TopicPartition, Long> target, Duration timeout) {
        PositionWatch w = watch;
        if (w == null) {
            return CompletableFuture.completedFuture(false);
        }
        return w.await(target, timeout);
    }

    /** Requests currently waiting for a position. */
    public int waiting() {
        PositionWatch w = watch;
        return w == null ? 0 : w.waiting();
    }
}
