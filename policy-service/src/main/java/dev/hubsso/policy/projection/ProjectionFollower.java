package dev.hubsso.policy.projection;

import dev.hubsso.kit.fence.IdpDeactivationFence;
import dev.hubsso.policy.config.PolicyConfig;
import dev.hubsso.policy.rules.Action;
import dev.hubsso.policy.rules.Resource;
import dev.hubsso.policy.rules.Rule;
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
 * This replica's {@link ProjectionFeed}, started with the application: the compacted account and
 * organization snapshots from their beginning (read to their end before {@link #isReady()}), the
 * lifecycle events and the SCIM changes (for the {@link IdpDeactivationFence}) from the moment
 * this replica starts.
 */
@ApplicationScoped
public class ProjectionFollower {

    /** Topics named in positions, in the order they are written. */
    public static final List<String> TOPICS = ProjectionFeed.POSITION_TOPICS;

    private final PolicyProjection emptyProjection = new PolicyProjection();

    @Inject
    PolicyConfig config;

    private volatile ProjectionFeed feed;

    void onStart(@Observes StartupEvent ev) {
        Map<String, Object> extra = new HashMap<>(config.follower().consumer());
        feed = new ProjectionFeed(config.follower().name(), config.follower().bootstrapServers(), extra,
                new IdpDeactivationFence(config.fenceHold(), System::nanoTime)).start();
    }

    void onStop(@Observes ShutdownEvent ev) {
        if (feed != null) {
            feed.close();
        }
    }

    /** The projection the rules decide on. */
    public PolicyProjection projection() {
        ProjectionFeed f = feed;
        return f == null ? emptyProjection : f.projection();
    }

    /** Entries held by the IdP deactivation fence. */
    public int fenceSize() {
        ProjectionFeed f = feed;
        return f == null ? 0 : f.fence().size();
    }

    /** True once the snapshot topics were read to the end they had at start. */
    public boolean isReady() {
        ProjectionFeed f = feed;
        return f != null && f.isReady();
    }

    /** See {@link ProjectionFeed#rule}. */
    public Rule rule(String userId, String username, Action action, Resource resource) {
        return feed.rule(userId, username, action, resource);
    }

    /** Positions applied so far: every record before them is in the projection. */
    public Map<TopicPartition, Long> positions() {
        ProjectionFeed f = feed;
        return f == null ? Map.of() : f.positions();
    }

    /** The text form of positions (see {@link PositionCodec}). */
    public String encode(Map<TopicPartition, Long> positions) {
        ProjectionFeed f = feed;
        return f == null ? new PositionCodec(TOPICS).encode(positions) : f.encode(positions);
    }

    /** Parses a position given by a caller; {@link IllegalArgumentException} if malformed. */
    public Map<TopicPartition, Long> parse(String position) {
        return new PositionCodec(TOPICS).parse(position);
    }

    /** Completes with true once the projection reached {@code target}, false after {@code timeout}. */
    public CompletableFuture<Boolean> awaitPosition(Map<TopicPartition, Long> target, Duration timeout) {
        ProjectionFeed f = feed;
        return f == null ? CompletableFuture.completedFuture(false) : f.awaitPosition(target, timeout);
    }

    /** Requests currently waiting for a position. */
    public int waiting() {
        ProjectionFeed f = feed;
        return f == null ? 0 : f.waiting();
    }
}
