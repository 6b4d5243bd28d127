package dev.hubsso.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * {@code deploy/local/bench scim throughput|lookups|all ...}: scim-service benchmarks against the
 * running local stack.
 *
 * <ul>
 * <li>{@code throughput [seconds=20] [workers=8] [runs=3]}: sustained {@code POST /Users} (each
 * create commits its outbox row; the relay publishes it, provisioning-service consumes it) from
 * {@code workers} threads, alternating in each run with a raw PostgreSQL baseline: the same
 * threads inserting the same rows with JDBC, one row per transaction, into a copy of
 * {@code scim.users} made just before (same columns, same rows, same indexes, no triggers).
 * <li>{@code lookups [users=1000000] [samples=1000] [runs=3]}: one organization with
 * {@code users} users bulk-loaded with {@code insert ... select generate_series} into the
 * service's own table (then {@code ANALYZE}), kept across invocations; then, through HTTP, one
 * request at a time: {@code userName eq}, {@code externalId eq}, a 100-user page (first page and
 * a page at a random offset) and {@code PATCH active=false} (on users created over SCIM for it,
 * so every PATCH is a real change with its outbox row).
 * </ul>
 */
public final class ScimBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCIM = "application/scim+json";
    private static final String RAW_TABLE = "scim.bench_raw_users";
    private static final String INSERT_COLUMNS = "id, org_id, user_name, hub_username, external_id, given_name, family_name,"
            + " display_name, email, emails, active, version, created, last_modified";

    private final Path state;
    private final Endpoints endpoints;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String run = Long.toString(Instant.now().getEpochSecond(), 36);

    private ScimBench(Path state, Endpoints endpoints) {
        this.state = state;
        this.endpoints = endpoints;
    }

    /** {@code args}: what follows {@code scim} on the command line. */
    static void main(Path state, List<String> args) throws Exception {
        String what = args.isEmpty() ? "all" : args.get(0);
        ScimBench bench = new ScimBench(state, Endpoints.read(state.resolve("endpoints.env")));
        System.out.println(machine());
        switch (what) {
            case "throughput" -> bench.throughput(intArg(args, 1, 20), intArg(args, 2, 8), intArg(args, 3, 3));
            case "lookups" -> bench.lookups(intArg(args, 1, 1_000_000), intArg(args, 2, 1000), intArg(args, 3, 3));
            case "all" -> {
                bench.throughput(20, 8, 3);
                bench.lookups(1_000_000, 1000, 3);
            }
            default -> {
                System.err.println("usage: bench scim throughput [seconds=20] [workers=8] [runs=3]"
                        + " | lookups [users=1000000] [samples=1000] [runs=3] | all");
                System.exit(2);
            }
        }
        System.out.println("load average at the end: " + loadAverage());
    }

    // ------------------------------------------------------------------ throughput

    private void throughput(int seconds, int workers, int runs) throws Exception {
        System.out.printf("%nPOST /Users throughput: %d runs of %d s, %d workers, each next to a raw JDBC insert run%n", runs,
                seconds, workers);
        // a fresh JVM compiles the request path only after thousands of calls (see Bench.warmUp)
        int warmup = Integer.parseInt(envOr("HUB_BENCH_WARMUP_SECONDS", "60"));
        System.out.printf("warm-up: %d s of creates%n", warmup);
        Result w = measureHttp(warmup, workers, "w" + run);
        System.out.printf("  warm-up: %.0f creates/s%n", w.rate());
        List<Double> httpRates = new ArrayList<>();
        List<Double> rawRates = new ArrayList<>();
        List<Double> httpLatencies = new ArrayList<>();
        List<Double> rawLatencies = new ArrayList<>();
        ProcessCpu cpu = new ProcessCpu(state);
        Map<String, List<Double>> cpuPerCreate = new LinkedHashMap<>();
        for (int r = 1; r <= runs; r++) {
            Map<String, Double> cpuBefore = cpu.read();
            Result h = measureHttp(seconds, workers, run + "r" + r);
            Map<String, Double> used = ProcessCpu.delta(cpuBefore, cpu.read());
            StringBuilder line = new StringBuilder("  CPU ms per create:");
            double all = 0;
            for (var part : used.entrySet()) {
                double ms = part.getValue() * 1000 / Math.max(1, h.ok());
                all += Double.isNaN(ms) ? 0 : ms;
                cpuPerCreate.computeIfAbsent(part.getKey(), k -> new ArrayList<>()).add(ms);
                line.append(String.format(" %s %.3f,", part.getKey(), ms));
            }
            System.out.println(line.append(String.format(" all %.3f (%.2f cores busy)", all,
                    all * h.ok() / 1000 / h.seconds())));
            long backlog;
            double drain;
            try (Connection c = db()) {
                // "sustained": the relay must keep up; rows still unpublished when the clients stop
                backlog = outboxRows(c);
                long t0 = System.nanoTime();
                while (outboxRows(c) > 0 && System.nanoTime() - t0 < Duration.ofSeconds(120).toNanos()) {
                    Thread.sleep(50);
                }
                drain = (System.nanoTime() - t0) / 1e9;
                long copied = copyUsersIntoRawTable(c);
                System.out.printf("  raw baseline table: a copy of scim.users, %d rows (%.0f s to copy and index)%n", copied,
                        (System.nanoTime() - t0) / 1e9 - drain);
            }
            Result raw = measureRaw(seconds, workers, run + "r" + r);
            httpRates.add(h.rate());
            rawRates.add(raw.rate());
            httpLatencies.addAll(h.latenciesMs());
            rawLatencies.addAll(raw.latenciesMs());
            System.out.printf("run %d: POST /Users %.0f creates/s (%d created, %d failed; outbox backlog at the end %d rows,"
                    + " drained in %.1f s) | raw insert %.0f rows/s | ratio %.2f | load %s%n", r, h.rate(), h.ok(), h.failed(),
                    backlog, drain, raw.rate(), h.rate() / raw.rate(), loadAverage());
        }
        double http = median(httpRates);
        double raw = median(rawRates);
        System.out.println();
        System.out.println("| measure | runs | median /s | each run /s |");
        System.out.println("|---|---|---|---|");
        System.out.printf("| POST /Users (with outbox), %d workers | %d | %.0f | %s |%n", workers, runs, http, list(httpRates));
        System.out.printf("| raw JDBC insert, 1 row per transaction, %d workers | %d | %.0f | %s |%n", workers, runs, raw,
                list(rawRates));
        System.out.println();
        System.out.println("| CPU ms per create (median of runs) | " + String.join(" | ", cpuPerCreate.keySet()) + " |");
        System.out.println("|---|" + "---|".repeat(cpuPerCreate.size()));
        System.out.println("| POST /Users | " + String.join(" | ", cpuPerCreate.values().stream()
                .map(v -> String.format("%.3f", median(v))).toList()) + " |");
        System.out.println();
        System.out.println("| latency | n | p50 ms | p95 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|");
        System.out.println(Percentiles.of(httpLatencies).markdownRow("POST /Users response"));
        System.out.println(Percentiles.of(rawLatencies).markdownRow("raw insert + commit"));
        System.out.println();
        System.out.printf("goal >= 500 creates/s: %s (%.0f); goal >= 1/3 of raw: %s (%.2f)%n", http >= 500 ? "met" : "NOT met",
                http, http >= raw / 3 ? "met" : "NOT met", http / raw);
    }

    private record Result(long ok, long failed, double seconds, List<Double> latenciesMs) {
        double rate() {
            return ok / seconds;
        }
    }

    /**
     * Creates through {@code POST /Users}, a new userName each, the body HubClient and the IdPs
     * send; each worker keeps one connection ({@link PlainHttp}: the cheapest client, so the
     * CPU the load takes from the services on the same cores is mostly theirs to use).
     */
    private Result measureHttp(int seconds, int workers, String tag) throws Exception {
        URI base = URI.create(endpoints.scimBaseUrl());
        String path = base.getRawPath() + "/Users";
        String authorization = "Bearer " + endpoints.scimToken();
        return measureCreates(seconds, workers, "tp" + tag, () -> new PlainHttp(base), (http, userName) -> {
            String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName
                    + "\",\"externalId\":\"ext-" + userName + "\",\"active\":true,\"name\":{\"givenName\":\"Bench\","
                    + "\"familyName\":\"" + userName + "\"},\"emails\":[{\"value\":\"" + userName
                    + "\",\"type\":\"work\",\"primary\":true}]}";
            return http.send("POST", path, authorization, SCIM, body).status() == 201;
        });
    }

    private Result measureRaw(int seconds, int workers, String tag) throws Exception {
        return measureCreates(seconds, workers, "raw" + tag, this::db, (c, userName) -> {
            try (PreparedStatement ps = c.prepareStatement("insert into " + RAW_TABLE + " (" + INSERT_COLUMNS
                    + ") values (?,?,?,?,?,?,?,?,?,?,true,1,?,?)")) {
                Timestamp now = Timestamp.from(Instant.now());
                ps.setObject(1, UUID.randomUUID());
                ps.setString(2, "raw-bench");
                ps.setString(3, userName);
                ps.setString(4, userName.replace('@', '-').replace('.', '-'));
                ps.setString(5, "ext-" + userName);
                ps.setString(6, "Bench");
                ps.setString(7, userName);
                ps.setString(8, null);
                ps.setString(9, userName);
                ps.setString(10, "[{\"value\":\"" + userName + "\",\"type\":\"work\",\"primary\":true}]");
                ps.setTimestamp(11, now);
                ps.setTimestamp(12, now);
                return ps.executeUpdate() == 1; // autocommit: one row per transaction
            }
        });
    }

    @FunctionalInterface
    private interface Opener<C> {
        C open() throws Exception;
    }

    @FunctionalInterface
    private interface Create<C> {
        boolean create(C connection, String userName) throws Exception;
    }

    /**
     * {@link #measure} with a connection per worker, opened before the clock starts and closed
     * after; each call creates a new userName ({@code <prefix>-<worker>-<n>@bench.example}).
     */
    private static <C extends AutoCloseable> Result measureCreates(int seconds, int workers, String prefix, Opener<C> opener,
            Create<C> create) throws Exception {
        List<C> connections = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                connections.add(opener.open());
            }
            return measure(seconds, workers, w -> {
                C c = connections.get(w);
                AtomicLong i = new AtomicLong();
                return () -> create.create(c, prefix + "-" + w + "-" + i.incrementAndGet() + "@bench.example");
            });
        } finally {
            for (C c : connections) {
                c.close();
            }
        }
    }

    /**
     * Makes the raw baseline's table what {@code POST /Users} writes into: {@code scim.users}'
     * columns and constraints, a copy of its rows (the service's table holds every user created
     * so far, and inserting into large indexes costs more than into empty ones), then its
     * indexes, built after the copy. No triggers: raw inserts. The number of rows copied.
     */
    private static long copyUsersIntoRawTable(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("drop table if exists " + RAW_TABLE);
            st.execute("create table " + RAW_TABLE
                    + " (like scim.users including defaults including generated including constraints)");
            String columns;
            try (ResultSet rs = st.executeQuery("select string_agg(quote_ident(column_name), ', ' order by ordinal_position)"
                    + " from information_schema.columns where table_schema = 'scim' and table_name = 'users'"
                    + " and is_generated = 'NEVER'")) {
                rs.next();
                columns = rs.getString(1);
            }
            long rows = st.executeUpdate("insert into " + RAW_TABLE + " (" + columns + ") select " + columns + " from scim.users");
            List<String> indexes = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select c.relname, pg_get_indexdef(i.indexrelid) from pg_index i"
                    + " join pg_class c on c.oid = i.indexrelid where i.indrelid = 'scim.users'::regclass")) {
                while (rs.next()) {
                    indexes.add(rs.getString(2).replace("INDEX " + rs.getString(1) + " ON scim.users ",
                            "INDEX bench_raw_" + rs.getString(1) + " ON " + RAW_TABLE + " "));
                }
            }
            for (String index : indexes) {
                st.execute(index);
            }
            st.execute("analyze " + RAW_TABLE);
            return rows;
        }
    }

    private static long outboxRows(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("select count(*) from scim.outbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @FunctionalInterface
    private interface Call {
        boolean call() throws Exception;
    }

    /** {@code workers} platform threads calling as fast as they can for {@code seconds}. */
    private static Result measure(int seconds, int workers, IntFunction<Call> callOfWorker) throws InterruptedException {
        List<List<Double>> latencies = new ArrayList<>();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(seconds).toNanos();
        for (int w = 0; w < workers; w++) {
            List<Double> mine = new ArrayList<>();
            latencies.add(mine);
            Call call = callOfWorker.apply(w);
            Thread t = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    boolean success;
                    try {
                        success = call.call();
                    } catch (Exception e) {
                        success = false;
                    }
                    mine.add((System.nanoTime() - t0) / 1e6);
                    (success ? ok : failed).incrementAndGet();
                }
            }, "bench-" + w);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Double> all = new ArrayList<>();
        latencies.forEach(all::addAll);
        return new Result(ok.get(), failed.get(), elapsed, all);
    }

    // ------------------------------------------------------------------ one million users

    private void lookups(int users, int samples, int runs) throws Exception {
        BenchOrg org = millionUserOrg(users);
        System.out.printf("%nlookups in org %s (%d users), %d samples per measure and run (pages: %d), %d runs%n", org.name(),
                org.users(), samples, Math.max(100, samples / 4), runs);
        int patchesPerRun = Math.max(100, samples / 2);
        List<String> patchTargets = createUsers(org, patchesPerRun * runs + 200);
        List<Measure> measures = List.of(
                new Measure("filter userName eq", samples, i -> get(org, "/Users?filter="
                        + enc("userName eq \"user" + randomUser(org) + "@" + org.name() + ".example\""), 1)),
                new Measure("filter externalId eq", samples, i -> get(org, "/Users?filter="
                        + enc("externalId eq \"ext-" + randomUser(org) + "\""), 1)),
                new Measure("page of 100, startIndex=1", Math.max(100, samples / 4),
                        i -> get(org, "/Users?startIndex=1&count=100", -1)),
                new Measure("page of 100, random startIndex", Math.max(100, samples / 4),
                        i -> get(org, "/Users?startIndex=" + (1 + ThreadLocalRandom.current().nextInt(org.users() - 100))
                                + "&count=100", -1)),
                new Measure("PATCH active=false", patchesPerRun, i -> deactivate(org, patchTargets.remove(
                        patchTargets.size() - 1))));
        System.out.println("warm-up: 200 requests of each kind");
        for (Measure m : measures) {
            for (int i = 0; i < (m.name().startsWith("PATCH") ? 100 : 200); i++) {
                m.call().accept(i);
            }
        }
        List<List<Percentiles>> perRun = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            List<Percentiles> row = new ArrayList<>();
            for (Measure m : measures) {
                List<Double> ms = new ArrayList<>();
                for (int i = 0; i < m.samples(); i++) {
                    long t0 = System.nanoTime();
                    m.call().accept(i);
                    ms.add((System.nanoTime() - t0) / 1e6);
                }
                Percentiles p = Percentiles.of(ms);
                row.add(p);
                System.out.printf("run %d %-32s %s%n", r, m.name(), p);
            }
            perRun.add(row);
            System.out.println("  load average " + loadAverage());
        }
        System.out.println();
        System.out.println("| measure (median of " + runs + " runs) | n per run | p50 ms | p95 ms | p99 ms | p99 of each run |");
        System.out.println("|---|---|---|---|---|---|");
        for (int k = 0; k < measures.size(); k++) {
            int kk = k;
            List<Double> p50 = perRun.stream().map(row -> row.get(kk).p50()).toList();
            List<Double> p95 = perRun.stream().map(row -> row.get(kk).p95()).toList();
            List<Double> p99 = perRun.stream().map(row -> row.get(kk).p99()).toList();
            System.out.printf("| %s | %d | %.1f | %.1f | %.1f | %s |%n", measures.get(k).name(), measures.get(k).samples(),
                    median(p50), median(p95), median(p99), list(p99));
        }
    }

    private record Measure(String name, int samples, IntConsumer call) {
    }

    /** The benchmark organization, its token and its user count, kept in the state dir across runs. */
    private record BenchOrg(String name, String id, String token, int users) {
    }

    private BenchOrg millionUserOrg(int users) throws Exception {
        Path file = state.resolve("scim-bench.properties");
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (var in = Files.newInputStream(file)) {
                p.load(in);
            }
        }
        HubClient admin = new HubClient(endpoints);
        String name = p.getProperty("org");
        if (name == null) {
            name = "m" + run;
            admin.createOrg(name, name, false, name + ".example").expect(201, "create the benchmark org");
            String token = admin.issueScimToken(name).expect(201, "issue its SCIM token").body().get("token").asText();
            p.setProperty("org", name);
            p.setProperty("token", token);
            p.setProperty("id", admin.getOrg(name).expect(200, "read the benchmark org").body().get("id").asText());
            save(p, file);
        }
        BenchOrg org = new BenchOrg(name, p.getProperty("id"), p.getProperty("token"), users);
        awaitScim(org);
        try (Connection c = db()) {
            int have;
            try (ResultSet rs = c.createStatement().executeQuery(
                    "select count(*) from scim.users where org_id = '" + org.id() + "' and user_name like 'user%'")) {
                rs.next();
                have = rs.getInt(1);
            }
            if (have < users) {
                System.out.printf("bulk-loading users %d..%d into org %s (insert ... select generate_series)%n", have + 1, users,
                        name);
                c.setAutoCommit(false);
                int chunk = 100_000;
                for (int from = have + 1; from <= users; from += chunk) {
                    int to = Math.min(users, from + chunk - 1);
                    long t0 = System.nanoTime();
                    try (PreparedStatement ps = c.prepareStatement("insert into scim.users (" + INSERT_COLUMNS + ")"
                            + " select gen_random_uuid(), ?, 'user' || i || '@' || ? || '.example', 'user' || i || '-' || ?,"
                            + " 'ext-' || i, 'Given' || i, 'Family' || i, 'User ' || i, 'user' || i || '@' || ? || '.example',"
                            + " '[{\"value\":\"user' || i || '@' || ? || '.example\",\"type\":\"work\",\"primary\":true}]',"
                            + " true, 1, t, t from generate_series(?, ?) i,"
                            + " lateral (select now() - interval '30 days' + i * interval '1 millisecond' as t) ts")) {
                        ps.setString(1, org.id());
                        ps.setString(2, name);
                        ps.setString(3, name);
                        ps.setString(4, name);
                        ps.setString(5, name);
                        ps.setInt(6, from);
                        ps.setInt(7, to);
                        ps.executeUpdate();
                    }
                    c.commit();
                    System.out.printf("  %d users (%.1f s)%n", to, (System.nanoTime() - t0) / 1e9);
                }
                c.setAutoCommit(true);
            }
            long t0 = System.nanoTime();
            c.createStatement().execute("analyze scim.users");
            System.out.printf("analyze scim.users: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
        return org;
    }

    private static int randomUser(BenchOrg org) {
        return 1 + ThreadLocalRandom.current().nextInt(org.users());
    }

    private List<String> createUsers(BenchOrg org, int n) {
        System.out.printf("creating %d users over SCIM for the PATCH measure%n", n);
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            String userName = "patch" + run + "-" + i + "@" + org.name() + ".example";
            String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName
                    + "\",\"externalId\":\"px-" + run + "-" + i + "\",\"active\":true,"
                    + "\"emails\":[{\"value\":\"" + userName + "\",\"type\":\"work\",\"primary\":true}]}";
            JsonNode created = send(org, request(org, "/Users").POST(HttpRequest.BodyPublishers.ofString(body)), 201);
            ids.add(created.get("id").asText());
        }
        return ids;
    }

    private void deactivate(BenchOrg org, String id) {
        String body = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}";
        JsonNode user = send(org, request(org, "/Users/" + id).method("PATCH", HttpRequest.BodyPublishers.ofString(body)), 200);
        if (user.path("active").asBoolean(true)) {
            throw new IllegalStateException("PATCH did not deactivate " + id);
        }
    }

    /** GET, checking the status and (when {@code expected >= 0}) totalResults. */
    private void get(BenchOrg org, String pathAndQuery, int expected) {
        JsonNode body = send(org, request(org, pathAndQuery).GET(), 200);
        if (expected >= 0 && body.path("totalResults").asInt(-1) != expected) {
            throw new IllegalStateException(pathAndQuery + ": expected " + expected + " results, got " + body);
        }
        if (expected < 0 && body.path("Resources").size() != 100) {
            throw new IllegalStateException(pathAndQuery + ": expected a page of 100, got " + body.path("Resources").size());
        }
    }

    private HttpRequest.Builder request(BenchOrg org, String pathAndQuery) {
        String base = endpoints.scimBaseUrl();
        base = base.substring(0, base.lastIndexOf('/') + 1) + org.name();
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + org.token()).header("Content-Type", SCIM).header("Accept", SCIM);
    }

    private JsonNode send(BenchOrg org, HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(r.request().method() + " " + r.uri() + ": expected " + expected + ", got "
                        + r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitScim(BenchOrg org) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                send(org, request(org, "/Users?filter=" + enc("userName eq \"probe\"")).GET(), 200);
                return;
            } catch (IllegalStateException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("scim-service does not accept the benchmark org's token");
    }

    // ------------------------------------------------------------------ helpers

    private Connection db() throws SQLException {
        // the server's own commit settings, the ones the service's transactions get too
        return DriverManager.getConnection(endpoints.databaseUrl(), envOr("HUB_PG_USER", "postgres"),
                envOr("HUB_PG_PASSWORD", "postgres"));
    }

    private static void save(Properties p, Path file) {
        try (var out = Files.newOutputStream(file)) {
            p.store(out, "scim-service benchmark organization (deploy/local/bench scim lookups)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String enc(String filter) {
        return URLEncoder.encode(filter, StandardCharsets.UTF_8);
    }

    static double median(List<Double> values) {
        List<Double> s = values.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static String list(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format("%.1f", v)).toList());
    }

    private static int intArg(List<String> args, int index, int fallback) {
        return args.size() > index ? Integer.parseInt(args.get(index)) : fallback;
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** nproc, memory, CPU model, JVM: printed with every run. */
    static String machine() {
        String cpu = "unknown CPU";
        String mem = "unknown memory";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(cpu);
            mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> String.format("%.1f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                    .findFirst().orElse(mem);
        } catch (IOException | RuntimeException e) {
            // not Linux: keep the placeholders
        }
        return String.format("machine: %d CPUs (nproc), %s, %s, Java %s; load average %s",
                Runtime.getRuntime().availableProcessors(), mem, cpu, System.getProperty("java.version"), loadAverage());
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
