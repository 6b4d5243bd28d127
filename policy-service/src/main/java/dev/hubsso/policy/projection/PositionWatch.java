package dev.hubsso.policy.projection;

import dev.hubsso.kit.kafka.TopicFollower;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Lets requests wait for the projection to reach a position without holding a thread each:
 * one watcher thread wakes on every position change of the follower and completes the waits
 * that were reached, or that ran out of time.
 */
public final class PositionWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PositionWatch.class);
    /** Upper bound on how late a timed-out wait is answered. */
    private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private record Waiter(Map<TopicPartition, Long> target, long deadline, CompletableFuture<Boolean> result) {
    }

    private final TopicFollower follower;
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final Object idle = new Object();
    private final Thread thread;
    private volatile boolean running = true;

    public PositionWatch(TopicFollower follower, String name) {
        this.follower = follower;
        this.thread = new Thread(this::run, "position-watch-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Completes with true once the follower's positions reach {@code target}, or with false
     * after {@code timeout}.
     */
    public CompletableFuture<Boolean> await(Map<TopicPartition, Long> target, Duration timeout) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        if (PositionCodec.reached(follower.positions(), target)) {
            result.complete(true);
            return result;
        }
        waiters.add(new Waiter(target, System.nanoTime() + timeout.toNanos(), result));
        synchronized (idle) {
            idle.notifyAll();
        }
        // the positions may have moved between the first check and the enqueue
        if (PositionCodec.reached(follower.positions(), target)) {
            result.complete(true);
        }
        return result;
    }

    /** Number of requests waiting. */
    public int waiting() {
        return waiters.size();
    }

    @Override
    public void close() {
        running = false;
        synchronized (idle) {
            idle.notifyAll();
        }
        thread.interrupt();
        for (Waiter w : waiters) {
            w.result().complete(false);
        }
    }

    private void run() {
        try {
            while (running) {
                synchronized (idle) {
                    while (running && waiters.isEmpty()) {
                        idle.wait();
                    }
                }
                Map<TopicPartition, Long> seen = follower.positions();
                long now = System.nanoTime();
                long nextDeadline = Long.MAX_VALUE;
                for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                    Waiter w = it.next();
                    if (w.result().isDone()) {
                        it.remove();
                    } else if (PositionCodec.reached(seen, w.target())) {
                        w.result().complete(true);
                        it.remove();
                    } else if (now - w.deadline() >= 0) {
                        w.result().complete(false);
                        it.remove();
                    } else {
                        nextDeadline = Math.min(nextDeadline, w.deadline());
                    }
                }
                if (!waiters.isEmpty()) {
                    long sleep = Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(nextDeadline - now, MAX_SLEEP_NANOS));
                    follower.awaitPositions(p -> p != seen, Duration.ofNanos(sleep));
                }
            }
        } catch (InterruptedException e) {
            if (running) {
                LOG.error("position watch interrupted while running");
            }
        }
    }
}
