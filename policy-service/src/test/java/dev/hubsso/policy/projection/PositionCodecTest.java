package dev.hubsso.policy.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PositionCodecTest {

    private final PositionCodec codec = new PositionCodec(List.of("a.v1", "b.v1"));

    @Test
    void encodesTopicsInOrderAndPartitionsAscending() {
        Map<TopicPartition, Long> p = Map.of(new TopicPartition("b.v1", 0), 4L, new TopicPartition("a.v1", 2), 9L,
                new TopicPartition("a.v1", 0), 12L, new TopicPartition("other", 0), 1L);
        String text = codec.encode(p);
        assertEquals("a.v1=0:12,2:9;b.v1=0:4", text);
        assertEquals(Map.of(new TopicPartition("b.v1", 0), 4L, new TopicPartition("a.v1", 2), 9L,
                new TopicPartition("a.v1", 0), 12L), codec.parse(text));
    }

    @Test
    void emptyPositionsRoundTrip() {
        assertEquals("a.v1=;b.v1=", codec.encode(Map.of()));
        assertEquals(Map.of(), codec.parse("a.v1=;b.v1="));
    }

    @Test
    void acceptsASubsetWrittenByHand() {
        assertEquals(Map.of(new TopicPartition("b.v1", 3), 42L), codec.parse("b.v1=3:42"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "a.v1", "=0:1", "c.v1=0:1", "a.v1=0", "a.v1=0:", "a.v1=:1", "a.v1=-1:1",
            "a.v1=0:-1", "a.v1=0:1,", "a.v1=0:1;", "a.v1=x:1", "a.v1=0:99999999999999999999", "a.v1=3000000000:1",
            "a.v1=0:1,0:2", "a.v1=0:1.5" })
    void rejectsMalformed(String text) {
        assertThrows(IllegalArgumentException.class, () -> codec.parse(text));
    }

    @Test
    void reachedComparesOnlyTheNamedPartitions() {
        Map<TopicPartition, Long> current = Map.of(new TopicPartition("a.v1", 0), 10L, new TopicPartition("a.v1", 1), 3L);
        assertTrue(PositionCodec.reached(current, Map.of(new TopicPartition("a.v1", 0), 10L)));
        assertFalse(PositionCodec.reached(current, Map.of(new TopicPartition("a.v1", 0), 11L)));
        assertTrue(PositionCodec.reached(current, Map.of(new TopicPartition("a.v1", 5), 0L)));
        assertFalse(PositionCodec.reached(current, Map.of(new TopicPartition("a.v1", 5), 1L)), "unknown partition is at 0");
        assertTrue(PositionCodec.reached(current, Map.of()));
    }
}
