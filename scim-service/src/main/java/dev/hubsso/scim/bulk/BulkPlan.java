package dev.hubsso.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.hubsso.scim.bulk.BulkOperation.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order in which the operations of a bulk request run, and their {@code bulkId} references
 * (RFC 7644 §3.7.2). A reference is a string value {@code "bulkId:<id>"} anywhere in an
 * operation's path id or data (a member's {@code value}, a manager's {@code value}...), or a
 * quoted {@code "bulkId:<id>"} inside a string such as a PATCH path filter
 * ({@code members[value eq "bulkId:u1"]}).
 *
 * <p>Operations run in request order, except that the POST declaring a bulkId runs before the
 * first operation that references it. Operations that reference each other in a cycle (directly or
 * through others, or themselves) are marked {@linkplain #circular circular}: RFC 7644 §3.7.1 lets a
 * service provider answer them 409 rather than break the cycle, which is what happens here (in this
 * service the only cycles possible are between managers, which a later PATCH can set). Framework-free.
 */
public final class BulkPlan {

    static final String PREFIX = "bulkId:";
    private static final Pattern QUOTED = Pattern.compile("\"bulkId:([^\"]+)\"");

    private final List<Integer> order;
    private final Set<Integer> circular;
    private final Map<String, Integer> declared;
    private final List<Set<String>> references;

    private BulkPlan(List<Integer> order, Set<Integer> circular, Map<String, Integer> declared,
            List<Set<String>> references) {
        this.order = order;
        this.circular = circular;
        this.declared = declared;
        this.references = references;
    }

    /** Plans the operations of a request. */
    public static BulkPlan of(List<BulkOperation> operations) {
        int n = operations.size();
        Map<String, Integer> declared = new HashMap<>();
        List<Set<String>> references = new ArrayList<>(n);
        for (BulkOperation op : operations) {
            if (op.method() == Method.POST) {
                declared.put(op.bulkId(), op.index());
            }
            Set<String> refs = new LinkedHashSet<>();
            if (op.id() != null && op.id().startsWith(PREFIX)) {
                refs.add(op.id().substring(PREFIX.length()));
            }
            collect(op.data(), refs);
            references.add(refs);
        }
        List<Integer> order = new ArrayList<>(n);
        Set<Integer> circular = new HashSet<>();
        // depth-first, dependencies first, without recursion (a long chain must not exhaust the stack)
        int[] state = new int[n]; // 0 unseen, 1 on the stack, 2 placed
        List<List<Integer>> deps = new ArrayList<>(n);
        for (Set<String> refs : references) {
            List<Integer> d = new ArrayList<>();
            for (String r : refs) {
                Integer target = declared.get(r);
                if (target != null) {
                    d.add(target);
                }
            }
            deps.add(d);
        }
        for (int start = 0; start < n; start++) {
            if (state[start] != 0) {
                continue;
            }
            Deque<int[]> stack = new ArrayDeque<>(); // {node, next dependency}
            stack.push(new int[] {start, 0});
            state[start] = 1;
            while (!stack.isEmpty()) {
                int[] top = stack.peek();
                List<Integer> d = deps.get(top[0]);
                if (top[1] < d.size()) {
                    int next = d.get(top[1]++);
                    if (state[next] == 0) {
                        state[next] = 1;
                        stack.push(new int[] {next, 0});
                    } else if (state[next] == 1) {
                        // a back edge: every operation from `next` up to the top is in the cycle
                        for (int[] frame : stack) {
                            circular.add(frame[0]);
                            if (frame[0] == next) {
                                break;
                            }
                        }
                    }
                } else {
                    stack.pop();
                    state[top[0]] = 2;
                    order.add(top[0]);
                }
            }
        }
        return new BulkPlan(List.copyOf(order), Set.copyOf(circular), Map.copyOf(declared), List.copyOf(references));
    }

    /** Operation indexes in the order they run; every operation once. */
    public List<Integer> order() {
        return order;
    }

    /** Whether the operation at {@code index} is part of a cycle of references. */
    public boolean circular(int index) {
        return circular.contains(index);
    }

    /** The bulkIds the operation at {@code index} references, in order of appearance. */
    public Set<String> references(int index) {
        return references.get(index);
    }

    /** Whether a POST of the request declares {@code bulkId}. */
    public boolean declares(String bulkId) {
        return declared.containsKey(bulkId);
    }

    /**
     * A copy of {@code data} with every reference replaced by {@code ids.apply(bulkId)}; every
     * reference must resolve.
     */
    public static JsonNode resolve(JsonNode data, Function<String, String> ids) {
        if (data == null) {
            return null;
        }
        if (data.isTextual()) {
            String s = data.asText();
            if (s.startsWith(PREFIX)) {
                return TextNode.valueOf(ids.apply(s.substring(PREFIX.length())));
            }
            if (s.contains("\"" + PREFIX)) {
                Matcher m = QUOTED.matcher(s);
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    m.appendReplacement(out, Matcher.quoteReplacement("\"" + ids.apply(m.group(1)) + "\""));
                }
                m.appendTail(out);
                return TextNode.valueOf(out.toString());
            }
            return data;
        }
        if (data.isArray()) {
            ArrayNode copy = ((ArrayNode) data).arrayNode(data.size());
            data.forEach(e -> copy.add(resolve(e, ids)));
            return copy;
        }
        if (data.isObject()) {
            ObjectNode copy = ((ObjectNode) data).objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), resolve(e.getValue(), ids));
            }
            return copy;
        }
        return data;
    }

    private static void collect(JsonNode node, Set<String> out) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            String s = node.asText();
            if (s.startsWith(PREFIX)) {
                out.add(s.substring(PREFIX.length()));
            } else if (s.contains("\"" + PREFIX)) {
                Matcher m = QUOTED.matcher(s);
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        } else if (node.isContainerNode()) {
            node.forEach(child -> collect(child, out));
        }
    }
}
