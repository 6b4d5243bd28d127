package dev.hubsso.policy.projection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The text form of a projection position: which records of the followed topics a decision
 * reflects. For each followed topic, in a fixed order, the next offset to read of each of its
 * partitions (every record before it has been applied):
 *
 * <pre>
 * hub.user-lifecycle.v1=0:12,1:0,2:7,3:0,4:3,5:0;hub.user-state.v1=0:40,...;hub.org-config.v1=0:2,1:0,2:1
 * </pre>
 *
 * <p>Callers treat it as opaque: they echo a position back as {@code minPosition}. It can also
 * be written by hand: a producer that wrote a record at offset {@code N} of partition {@code p}
 * asks for {@code <topic>=p:N+1}. A parsed position may name a subset of the topics and
 * partitions; only those are compared.
 */
public final class PositionCodec {

    private final List<String> topics;

    /** @param topics the followed topics, in the order they are written */
    public PositionCodec(List<String> topics) {
        this.topics = List.copyOf(topics);
    }

    /** Writes positions (partitions of topics not followed are left out). */
    public String encode(Map<TopicPartition, Long> positions) {
        StringBuilder sb = new StringBuilder(32 * topics.size() + 12 * positions.size());
        for (int t = 0; t < topics.size(); t++) {
            String topic = topics.get(t);
            if (t > 0) {
                sb.append(';');
            }
            sb.append(topic).append('=');
            List<TopicPartition> parts = new ArrayList<>();
            for (TopicPartition tp : positions.keySet()) {
                if (tp.topic().equals(topic)) {
                    parts.add(tp);
                }
            }
            parts.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
            for (int i = 0; i < parts.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(parts.get(i).partition()).append(':').append(positions.get(parts.get(i)));
            }
        }
        return sb.toString();
    }

    /**
     * Reads a position.
     *
     * @throws IllegalArgumentException with a message fit for a 400 answer
     */
    public Map<TopicPartition, Long> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("position is empty");
        }
        Map<TopicPartition, Long> result = new HashMap<>();
        for (String section : text.split(";", -1)) {
            int eq = section.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected <topic>=<partition>:<offset>,... but got '" + abbreviate(section) + "'");
            }
            String topic = section.substring(0, eq);
            if (!topics.contains(topic)) {
                throw new IllegalArgumentException("topic '" + abbreviate(topic) + "' is not one of " + topics);
            }
            String entries = section.substring(eq + 1);
            if (entries.isEmpty()) {
                continue;
            }
            for (String entry : entries.split(",", -1)) {
                int colon = entry.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("expected <partition>:<offset> but got '" + abbreviate(entry) + "'");
                }
                int partition = parseNumber(entry.substring(0, colon), Integer.MAX_VALUE, "partition");
                long offset = parseNumber(entry.substring(colon + 1), Long.MAX_VALUE, "offset");
                if (result.put(new TopicPartition(topic, partition), offset) != null) {
                    throw new IllegalArgumentException("partition " + topic + "-" + partition + " given twice");
                }
            }
        }
        return result;
    }

    /** True if {@code current} has reached {@code target} on every partition {@code target} names. */
    public static boolean reached(Map<TopicPartition, Long> current, Map<TopicPartition, Long> target) {
        for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
            Long at = current.get(e.getKey());
            if ((at == null ? 0L : at) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static int parseNumber(String s, int max, String what) {
        return (int) parseNumber(s, (long) max, what);
    }

    private static long parseNumber(String s, long max, String what) {
        if (s.isEmpty() || s.length() > 19) {
            throw new IllegalArgumentException(what + " '" + abbreviate(s) + "' is not a non-negative number");
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(what + " '" + abbreviate(s) + "' is not a non-negative number");
            }
            if (v > (max - (c - '0')) / 10) {
                throw new IllegalArgumentException(what + " '" + abbreviate(s) + "' is too large");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
