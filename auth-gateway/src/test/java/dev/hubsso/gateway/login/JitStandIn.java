package dev.hubsso.gateway.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for provisioning-service's {@code POST /internal/jit} (its own contract; the
 * cross-service test lives in e2e-tests): links every login to a user id derived from org and
 * subject, unless a test scripted another answer for that subject. Records what it was sent.
 */
public class JitStandIn implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();
    private static final Map<String, int[]> STATUS_BY_SUBJECT = new ConcurrentHashMap<>();
    private static HttpServer server;

    /** The user id the stand-in links a login of {@code subject} at {@code org} to. */
    public static String userIdOf(String org, String subject) {
        return UUID.nameUUIDFromBytes((org + "/" + subject).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Makes provisioning answer logins of {@code subject} with this status (and a problem body). */
    public static void answer(String subject, int status) {
        STATUS_BY_SUBJECT.put(subject, new int[] {status});
    }

    /** The requests received for a subject, in order. */
    public static List<JsonNode> requestsFor(String subject) {
        return REQUESTS.stream().filter(r -> subject.equals(r.path("subject").asText())).toList();
    }

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/internal/jit", JitStandIn::handle);
            server.start();
        }
        return Map.of("hub.gateway.provisioning-url", "http://localhost:" + server.getAddress().getPort());
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            REQUESTS.add(request);
            String org = request.path("org").asText();
            String subject = request.path("subject").asText();
            int[] scripted = STATUS_BY_SUBJECT.get(subject);
            int status = scripted == null ? 200 : scripted[0];
            String body = status == 200
                    ? JSON.createObjectNode().put("userId", userIdOf(org, subject))
                            .put("username", subject + "-" + org).put("orgRole", "write").put("managed", true)
                            .put("created", true).put("linkedBy", "created").toString()
                    : JSON.createObjectNode().put("type", "urn:hub:problem:jit").put("title", "Refused")
                            .put("status", status).put("detail", "account is deactivated").toString();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type",
                    status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void stop() {
        // shared by every test class of the module run; the JVM's exit ends it
    }
}
