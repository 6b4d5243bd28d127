package dev.hubsso.scim.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** bulkId references: where they are found, the order they impose, cycles, and their resolution. */
class BulkPlanTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static BulkPlan plan(String operations) throws Exception {
        return BulkPlan.of(BulkRequest.parse(JSON.readTree("{\"Operations\":[" + operations + "]}"), 100_000).operations());
    }

    private static String user(String bulkId, String extra) {
        return "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"" + bulkId + "\",\"data\":{\"userName\":\"" + bulkId
                + "\"" + extra + "}}";
    }

    private static String group(String bulkId, String... members) {
        StringBuilder m = new StringBuilder();
        for (String member : members) {
            m.append(m.length() == 0 ? "" : ",").append("{\"value\":\"bulkId:").append(member).append("\"}");
        }
        return "{\"method\":\"POST\",\"path\":\"/Groups\",\"bulkId\":\"" + bulkId + "\",\"data\":{\"displayName\":\""
                + bulkId + "\",\"members\":[" + m + "]}}";
    }

    @Test
    void withoutForwardReferencesTheRequestOrderIsKept() throws Exception {
        BulkPlan p = plan(user("u1", "") + "," + user("u2", "") + "," + group("g", "u1", "u2"));
        assertEquals(List.of(0, 1, 2), p.order());
        assertEquals(Set.of("u1", "u2"), p.references(2));
        assertFalse(p.circular(2));
    }

    @Test
    void aPostRunsBeforeTheFirstOperationReferencingIt() throws Exception {
        BulkPlan p = plan(group("g", "u1") + ","
                + "{\"method\":\"DELETE\",\"path\":\"/Users/x\"}," + user("u1", ""));
        assertEquals(List.of(2, 0, 1), p.order());
    }

    @Test
    void referencesAreFoundInThePathInNestedDataAndInsidePatchFilters() throws Exception {
        BulkPlan p = plan(user("m", "") + "," + user("u", ",\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":"
                + "{\"manager\":{\"value\":\"bulkId:m\"}}") + ","
                + "{\"method\":\"PATCH\",\"path\":\"/Users/bulkId:u\",\"data\":{\"Operations\":[{\"op\":\"remove\","
                + "\"path\":\"members[value eq \\\"bulkId:x\\\"]\"}]}}");
        assertEquals(Set.of("m"), p.references(1));
        assertEquals(Set.of("u", "x"), p.references(2));
        assertTrue(p.declares("u"));
        assertFalse(p.declares("x"));
        assertEquals(List.of(0, 1, 2), p.order());
    }

    @Test
    void cyclesAreMarkedAndEverythingElseRuns() throws Exception {
        String manager = ",\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":{\"manager\":{\"value\":\"bulkId:%s\"}}";
        BulkPlan p = plan(user("a", manager.formatted("b")) + "," + user("b", manager.formatted("c")) + ","
                + user("c", manager.formatted("a")) + "," + user("self", manager.formatted("self")) + ","
                + user("free", "") + "," + group("g", "a", "free"));
        assertTrue(p.circular(0));
        assertTrue(p.circular(1));
        assertTrue(p.circular(2));
        assertTrue(p.circular(3), "a self-reference is a cycle");
        assertFalse(p.circular(4));
        assertFalse(p.circular(5), "referencing a cycle is not being in it");
        assertEquals(6, p.order().size());
        assertEquals(Set.of(0, 1, 2, 3, 4, 5), Set.copyOf(p.order()));
    }

    @Test
    void aLongChainOfForwardReferencesNeedsNoDeepStack() throws Exception {
        int n = 20_000;
        List<String> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) { // each group references the next one: the last must run first
            ops.add(i == n - 1 ? group("g" + i) : group("g" + i, "g" + (i + 1)));
        }
        BulkPlan p = plan(String.join(",", ops));
        assertEquals(IntStream.range(0, n).map(i -> n - 1 - i).boxed().toList(), p.order());
    }

    @Test
    void resolutionReplacesWholeValuesAndQuotedOnesInFiltersOnly() throws Exception {
        JsonNode data = JSON.readTree("""
                {"members":[{"value":"bulkId:u1"},{"value":"kept"}],
                 "note":"mentions bulkId:u1 in prose",
                 "Operations":[{"op":"remove","path":"members[value eq \\"bulkId:u1\\"]"}]}""");
        JsonNode resolved = BulkPlan.resolve(data, Map.of("u1", "1111")::get);
        assertEquals("1111", resolved.at("/members/0/value").asText());
        assertEquals("kept", resolved.at("/members/1/value").asText());
        assertEquals("mentions bulkId:u1 in prose", resolved.get("note").asText());
        assertEquals("members[value eq \"1111\"]", resolved.at("/Operations/0/path").asText());
        assertEquals("bulkId:u1", data.at("/members/0/value").asText(), "the request itself is not changed");
    }
}
