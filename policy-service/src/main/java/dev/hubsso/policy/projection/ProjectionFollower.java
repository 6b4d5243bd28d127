package dev.hubsso.policy.projection;

import dev.hubsso.events.Topics;
import dev.hubsso.kit.kafka.TopicFollower;
import dev.hubsso.kit.kafka.TopicFollower.Start;
import dev.hubsso.kit.kafka.TopicFollower.Subscription;
import dev.hubsso.policy.config.PolicyConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Feeds the {@link PolicyProjection} from the topics: the compacted account and organization
 * snapshots from their beginning (read to their end before {@link #isReady()}), the lifecycle
 * events from the moment this replica starts. Every partition of every topic, no consumer
 * group: each replica holds the whole projection.
 */
@ApplicationScoped
public class ProjectionFollower {

    /** Followed topics, in the order positions are written. */
    public static final List<String> TOPICS = List.of(Topics.USER_LIFECYCLE, Topics.USER_STATE, Topics.ORG_CONFIG);

    private record Encoded(Map<TopicPartition, Long> positions, String text) {
    }

    private final PolicyProjection projection = new PolicyProjection();
    private final PositionCodec codec = new PositionCodec(TOPICS);
    private volatile Encoded lastEncoded = new Encoded(null, "");

    @Inject
    PolicyConfig config;

    private TopicFollower follower;
    private PositionWatch watch;

    void onStart(@Observes StartupEvent ev) {
        Map<String, Object> extra = new HashMap<>(config.follower().consumer());
        follower = new TopicFollower(config.follower().name(), config.follower().bootstrapServers(), extra,
                List.of(new Subscription(Topics.USER_STATE, Start.BEGINNING),
                        new Subscription(Topics.ORG_CONFIG, Start.BEGINNING),
                        new Subscription(Topics.USER_LIFECYCLE, Start.END)),
                (record, event) -> {
                    if (event != null) {
                        projection.apply(event);
                    }
                });
        follower.start();
        watch = new PositionWatch(follower, config.follower().name());
    }

    void onStop(@Observes ShutdownEvent ev) {
        if (watch != null) {
            watch.close();
        }
        if (follower != null) {
            follower.close();
        }
    }

    /** The projection the rules decide on. */
    public PolicyProjection projection() {
        return projection;
    }

    /** True once the snapshot topics were read to the end they had at start. */
    public boolean isReady() {
        return follower != null && follower.isReady();
    }

    /** Positions applied so far: every record before them is in the projection. */
    public Map<TopicPartition, Long> positions() {
        return follower == null ? Map.of() : follower.positions();
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
        return watch.await(target, timeout);
    }

    /** Requests currently waiting for a position. */
    public int waiting() {
        return watch == null ? 0 : watch.waiting();
    }
}
