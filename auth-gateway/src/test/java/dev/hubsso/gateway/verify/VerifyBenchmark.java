package dev.hubsso.gateway.verify;

import static io.restassured.RestAssured.given;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hubsso.events.OrgConfig.SsoMode;
import dev.hubsso.gateway.revocation.RevocationIndex;
import dev.hubsso.gateway.support.Gateway;
import dev.hubsso.gateway.verify.Fixtures.Org;
import dev.hubsso.gateway.verify.Fixtures.User;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Throughput and latency of {@code GET /auth/verify} at 16 concurrent connections: a session
 * cookie, an API token and a hub credential, next to {@code /q/health/live} as the baseline, in one
 * run against the gateway under test (real PostgreSQL and Kafka; the credentials are warm, so the
 * measured path is memory-only). Not a test: it runs only when asked,
 *
 * <pre>
 * ./mvnw -B -ntp -pl auth-gateway test -Dtest=VerifyBenchmark -Dhub.bench.seconds=20
 * </pre>
 *
 * and prints a markdown table (also written to {@code target/verify-benchmark.md}). The load
 * generator is a Vert.x HTTP client on one event-loop thread in the same JVM: closed loop, each of
 * the 16 keep-alive connections sends its next request when the previous answer arrived.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class VerifyBenchmark {

    private static final int CONNECTIONS = 16;

    @Inject
    RevocationIndex index;

    record Result(String name, long requests, long errors, double seconds, double p50Ms, double p90Ms, double p99Ms,
            double maxMs) {
        double perSecond() {
            return requests / seconds;
        }

        String row() {
            return String.format("| %s | %,.0f | %.2f | %.2f | %.2f | %.2f | %d |", name, perSecond(), p50Ms, p90Ms, p99Ms,
                    maxMs, errors);
        }
    }

    @Test
    void verifyThroughputAndLatency() throws Exception {
        int seconds = Integer.getInteger("hub.bench.seconds", 0);
        assumeTrue(seconds > 0, "set -Dhub.bench.seconds=N to run the benchmark");
        Gateway.awaitReady();

        Org org = Fixtures.org(SsoMode.MANAGED, 86_400, index);
        User user = Fixtures.user(org, true, "write", index);
        String cookie = Fixtures.session(user, org);
        // a managed user's token, created from the SSO session as a hub client would
        String token = given().cookie("hub_session", cookie).contentType(ContentType.JSON)
                .body(Map.of("scope", "write")).post("/api/tokens").then().statusCode(201).extract().path("token");
        String hubCredential = Fixtures.hubCredential(java.util.UUID.randomUUID().toString(), "ordinary-bench");

        Map<String, Map<String, String>> cases = new java.util.LinkedHashMap<>();
        cases.put("baseline: GET /q/health/live", Map.of());
        cases.put("/auth/verify, session cookie", Map.of("Cookie", "hub_session=" + cookie));
        cases.put("/auth/verify, API token", Map.of("Authorization", "Bearer " + token));
        cases.put("/auth/verify, hub credential (RS256 JWT)", Map.of("Authorization", "Bearer hubpw_" + hubCredential));

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("localhost")
                .setDefaultPort(RestAssured.port).setKeepAlive(true).setMaxPoolSize(CONNECTIONS));
        List<Result> results = new ArrayList<>();
        try {
            for (int round = 0; round < 2; round++) { // the first round warms the JIT, the second is measured
                results.clear();
                for (var c : cases.entrySet()) {
                    String path = c.getKey().startsWith("baseline") ? "/q/health/live" : "/auth/verify";
                    results.add(run(vertx, client, c.getKey(), path, c.getValue(), round == 0 ? Math.max(3, seconds / 3)
                            : seconds));
                }
            }
        } finally {
            client.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        StringBuilder table = new StringBuilder();
        table.append(String.format("%d connections, %d s per case, %d available processors, %s%n%n", CONNECTIONS, seconds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version")));
        table.append("| case | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors |\n");
        table.append("|---|---|---|---|---|---|---|\n");
        results.forEach(r -> table.append(r.row()).append('\n'));
        System.out.println("\n" + table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/verify-benchmark.md"), table);
        results.forEach(r -> assertEquals(0, r.errors(), r.name() + ": unexpected statuses"));
    }

    private static Result run(Vertx vertx, HttpClient client, String name, String path, Map<String, String> headers,
            int seconds) throws InterruptedException {
        long[] samples = new long[4_000_000];
        int[] count = {0};
        long[] errors = {0};
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(CONNECTIONS);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI(path);
        headers.forEach(options::addHeader);
        // every callback runs on the client's single event loop: plain arrays are safe
        vertx.runOnContext(v -> {
            for (int i = 0; i < CONNECTIONS; i++) {
                loop(client, options, samples, count, errors, end, done);
            }
        });
        done.await(seconds + 30L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] s = Arrays.copyOf(samples, Math.min(count[0], samples.length));
        Arrays.sort(s);
        return new Result(name, count[0], errors[0], elapsed, pct(s, 50), pct(s, 90), pct(s, 99),
                s.length == 0 ? 0 : s[s.length - 1] / 1e6);
    }

    private static void loop(HttpClient client, RequestOptions options, long[] samples, int[] count, long[] errors,
            long end, CountDownLatch done) {
        long t0 = System.nanoTime();
        if (t0 >= end) {
            done.countDown();
            return;
        }
        client.request(options).compose(req -> req.send().compose(resp -> resp.body().map(b -> resp.statusCode())))
                .onComplete(ar -> {
                    long t1 = System.nanoTime();
                    if (ar.failed() || ar.result() != 200) {
                        errors[0]++;
                    }
                    if (count[0] < samples.length) {
                        samples[count[0]] = t1 - t0;
                    }
                    count[0]++;
                    loop(client, options, samples, count, errors, end, done);
                });
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1e6;
    }
}
