package dev.hubsso.local;

import dev.hubsso.events.Topics;
import dev.hubsso.testsupport.KafkaBroker;
import dev.hubsso.testsupport.OpenIdProvider;
import dev.hubsso.testsupport.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The whole suite on one machine: PostgreSQL, a KRaft broker, an OpenID Provider for the demo
 * organization, the four services as separate JVMs, and the demo organization with a SCIM token,
 * its IdP connection and a demo user provisioned over SCIM. Used by {@code deploy/local/up}, by the
 * end-to-end tests and by the benchmarks.
 */
public final class Stack implements AutoCloseable {

    /** Client id of the gateway at the demo org's OpenID Provider. */
    public static final String DEMO_CLIENT_ID = "hub-local";
    /** Gateway environment variable that holds the demo client's secret ({@code clientSecretRef env:...}). */
    public static final String DEMO_CLIENT_SECRET_ENV = "HUB_DEMO_OIDC_CLIENT_SECRET";
    /** The demo user's login name at the provider (its {@code sub}). */
    public static final String DEMO_USER = "alice";
    /** The local provider (mock-oauth2-server) asks for no password; this is what to type if a form wants one. */
    public static final String DEMO_PASSWORD = "any (the local OpenID Provider does not check passwords)";

    /**
     * JVM options of every service process: {@code HUB_SERVICE_JVM_OPTIONS} (space separated) if
     * set, else a 512 MB G1 heap.
     */
    static final List<String> JVM_OPTIONS = jvmOptions(System.getenv("HUB_SERVICE_JVM_OPTIONS"));

    static List<String> jvmOptions(String configured) {
        return configured == null || configured.isBlank() ? List.of("-Xms64m", "-Xmx512m", "-XX:+UseG1GC")
                : List.of(configured.trim().split("\\s+"));
    }

    /**
     * The demo org's provider: the interactive login form, and back-channel logout tokens on
     * request, as the org's IdP would send them when a user signs out there: a client_credentials
     * token request with {@code scope=backchannel-logout} and form parameters {@code sub},
     * {@code sid} and {@code aud} gets a {@code logout+jwt} signed by the provider's key.
     */
    static String providerConfig(String issuerId) {
        return "{\"interactiveLogin\":true,\"tokenCallbacks\":[{\"issuerId\":\"" + issuerId + "\",\"requestMappings\":["
                + "{\"requestParam\":\"scope\",\"match\":\"backchannel-logout\",\"typeHeader\":\"logout+jwt\","
                + "\"claims\":{\"sub\":\"${sub}\",\"sid\":\"${sid}\",\"aud\":[\"${aud}\"],"
                + "\"events\":{\"http://schemas.openid.net/event/backchannel-logout\":{}}}}]},"
                // the hub's own admins' issuer: client_credentials with scope=hub-admin gets the admin role
                + "{\"issuerId\":\"" + ADMIN_ISSUER_ID + "\",\"requestMappings\":[{\"requestParam\":\"scope\","
                + "\"match\":\"hub-admin\",\"claims\":{\"sub\":\"local-admin\",\"groups\":[\"hub-admin\"]}}]}]}";
    }

    /** Issuer id, at the local provider, of the hub administrators' tokens (provisioning trusts it). */
    public static final String ADMIN_ISSUER_ID = "hub-admins";

    /**
     * A fresh admin access token from the local provider: what an admin's OIDC client would get
     * ({@code deploy/local/admin-token} does the same with curl).
     */
    public static String fetchAdminToken(String adminIssuer) {
        String form = "grant_type=client_credentials&client_id=hub-local-admin&client_secret=unused&scope=hub-admin";
        java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(adminIssuer + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(10))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            var reply = java.net.http.HttpClient.newHttpClient().send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 200) {
                throw new IllegalStateException("admin token request: HTTP " + reply.statusCode() + " " + reply.body());
            }
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(reply.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the local OpenID Provider", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Modules started, in order. */
    public static final List<String> SERVICES = List.of("provisioning-service", "scim-service", "auth-gateway", "policy-service");

    /**
     * How to start the stack.
     *
     * @param root the repository root (where the service modules live)
     * @param stateDir where data, logs and secrets go; kept across runs when {@code persistent}
     * @param persistent keep data and secrets in stateDir (local stack) or start empty (tests)
     * @param ports service ports by module; 0 for any free port
     * @param pgPort embedded PostgreSQL port (0: any)
     * @param kafkaPort broker port (0: any)
     * @param oidcPort the demo org's OpenID Provider port (0: any)
     * @param gatewayReplicas how many auth-gateway processes to run (the first is the one in the endpoints)
     * @param externalPg JDBC URL of an external PostgreSQL, or null for the embedded one
     * @param externalPgUser its user
     * @param externalPgPassword its password
     * @param org the demo organization's name (also its short code)
     * @param log progress messages
     */
    public record Options(Path root, Path stateDir, boolean persistent, Map<String, Integer> ports, int pgPort, int kafkaPort,
            int oidcPort, int gatewayReplicas, String externalPg, String externalPgUser, String externalPgPassword, String org, Consumer<String> log) {

        /** The local stack's defaults: fixed ports, data under stateDir, overridable by environment. */
        public static Options local(Path root, Path stateDir, Consumer<String> log) {
            Map<String, Integer> ports = Map.of(
                    "scim-service", envInt("HUB_SCIM_PORT", 8081),
                    "provisioning-service", envInt("HUB_PROVISIONING_PORT", 8082),
                    "auth-gateway", envInt("HUB_GATEWAY_PORT", 8083),
                    "policy-service", envInt("HUB_POLICY_PORT", 8084));
            return new Options(root, stateDir, true, ports, envInt("HUB_PG_PORT", 15432), envInt("HUB_KAFKA_PORT", 19092),
                    envInt("HUB_OIDC_PORT", 8090), envInt("HUB_GATEWAY_REPLICAS", 1),
                    System.getenv("HUB_PG_URL"), envOr("HUB_PG_USER", "postgres"), envOr("HUB_PG_PASSWORD", "postgres"),
                    envOr("HUB_DEMO_ORG", "demo"), log);
        }

        /**
         * For tests: any free ports, fresh data, the test run's shared PostgreSQL and broker, two
         * gateway replicas (revocations must reach every replica).
         */
        public static Options ephemeral(Path root, Path stateDir, Consumer<String> log) {
            Map<String, Integer> ports = new HashMap<>();
            SERVICES.forEach(s -> ports.put(s, 0));
            return new Options(root, stateDir, false, ports, 0, 0, 0, 2, null, null, null, "demo", log);
        }
    }

    private final Options options;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final List<ServiceProcess> gateways = new ArrayList<>();
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private OpenIdProvider oidc;
    private Endpoints endpoints;

    private Stack(Options options) {
        this.options = options;
    }

    /** Starts everything and returns once every service is ready and the demo org accepts SCIM calls. */
    public static Stack start(Options options) {
        Stack stack = new Stack(options);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        Path state = options.stateDir();
        mkdirs(state);
        String database;
        if (options.persistent()) {
            postgres = options.externalPg() != null
                    ? PostgresServer.external(options.externalPg(), options.externalPgUser(), options.externalPgPassword())
                    : PostgresServer.embedded(state.resolve("postgres"), options.pgPort());
            database = "hub";
            postgres.createDatabase(database);
            options.log().accept("PostgreSQL      " + postgres.jdbcUrl(database));
            kafka = KafkaBroker.start(state.resolve("kafka"), options.kafkaPort());
        } else {
            postgres = PostgresServer.shared();
            database = postgres.createTestDatabase("e2e");
            kafka = KafkaBroker.shared();
        }
        kafka.createTopics(Topics.ALL);
        options.log().accept("Kafka (KRaft)   " + kafka.bootstrapServers());
        oidc = OpenIdProvider.start(options.oidcPort(), providerConfig(options.org()),
                state.resolve("logs").resolve("oidc-provider.log"));
        String issuer = oidc.issuer(options.org());
        options.log().accept("OpenID Provider " + issuer);

        Properties secrets = loadSecrets();
        String adminKey = secrets.computeIfAbsent("ADMIN_API_KEY", k -> "adm_" + random()).toString();
        String sessionKey = secrets.computeIfAbsent("SESSION_KEY", k -> "local:" + randomKey()).toString();
        String clientSecret = secrets.computeIfAbsent("OIDC_CLIENT_SECRET", k -> "oidc_" + random()).toString();

        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(database));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", postgres.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("HUB_ADMIN_API_KEY", adminKey);
        env.put("HUB_GATEWAY_SESSION_KEYS", sessionKey);
        env.put("HUB_GATEWAY_SESSION_SECURE_COOKIE", "false"); // the local stack speaks plain http
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");

        Map<String, ServiceProcess> byName = new HashMap<>();
        for (String module : SERVICES) {
            int port = options.ports().getOrDefault(module, 0);
            Map<String, String> moduleEnv = new HashMap<>(env);
            if (module.equals("provisioning-service")) {
                // admin API: OIDC tokens of the admins' issuer (role hub-admin), the API key as fallback
                moduleEnv.put("QUARKUS_OIDC_TENANT_ENABLED", "true");
                moduleEnv.put("QUARKUS_OIDC_AUTH_SERVER_URL", oidc.issuer(ADMIN_ISSUER_ID));
            }
            if (module.equals("auth-gateway")) {
                // SERVICES starts provisioning first: its URL is known here
                moduleEnv.put("HUB_GATEWAY_PROVISIONING_URL", byName.get("provisioning-service").url());
                moduleEnv.put(DEMO_CLIENT_SECRET_ENV, clientSecret);
            }
            ServiceProcess p = ServiceProcess.start(options.root(), module, port == 0 ? freePort() : port, moduleEnv,
                    state.resolve("logs"), JVM_OPTIONS);
            services.add(p);
            byName.put(module, p);
            if (module.equals("auth-gateway")) {
                gateways.add(p);
                for (int r = 2; r <= options.gatewayReplicas(); r++) {
                    ServiceProcess replica = ServiceProcess.start(options.root(), module, module + "-" + r, freePort(),
                            moduleEnv, state.resolve("logs"), JVM_OPTIONS);
                    services.add(replica);
                    gateways.add(replica);
                }
            }
        }
        writePids();
        for (ServiceProcess p : services) {
            p.awaitReady(Duration.ofSeconds(180));
            options.log().accept(String.format("%-15s %s", p.name(), p.url()));
        }

        String org = options.org();
        Endpoints partial = new Endpoints(byName.get("scim-service").url() + "/scim/v2/" + org, null,
                byName.get("provisioning-service").url(), byName.get("auth-gateway").url(), byName.get("policy-service").url(),
                kafka.bootstrapServers(), adminKey, org, postgres.jdbcUrl(database));
        HubClient admin = new HubClient(partial);
        if (admin.getOrg(org).status() == 404) {
            admin.createOrg(org, org, false, org + ".example").expect(201, "create org " + org);
        }
        admin.configureIdp(org, issuer, DEMO_CLIENT_ID, "env:" + DEMO_CLIENT_SECRET_ENV)
                .expect(200, "connect " + org + " to its OpenID Provider");
        String token = secrets.getProperty("SCIM_TOKEN");
        if (token == null || !scimAccepts(partial, token, Duration.ofSeconds(15))) {
            token = admin.issueScimToken(org).expect(201, "issue SCIM token").body().get("token").asText();
            secrets.setProperty("SCIM_TOKEN", token);
            if (!scimAccepts(partial, token, Duration.ofSeconds(60))) {
                throw new IllegalStateException("scim-service does not accept the new token of " + org);
            }
        }
        saveSecrets(secrets);
        endpoints = new Endpoints(partial.scimBaseUrl(), token, partial.provisioningUrl(), partial.gatewayUrl(),
                partial.policyUrl(), partial.kafkaBootstrapServers(), adminKey, org, partial.databaseUrl(), issuer,
                DEMO_USER, DEMO_PASSWORD, fetchAdminToken(oidc.issuer(ADMIN_ISSUER_ID)));
        provisionDemoUser(new HubClient(endpoints));
    }

    /**
     * Creates the demo user over SCIM, as the IdP's SCIM client would, unless it exists: userName
     * {@code <DEMO_USER>@<org>.example}, externalId {@code DEMO_USER} (the {@code sub} the provider
     * gives whoever logs in as {@code DEMO_USER}), so that the first login links to this account.
     */
    private void provisionDemoUser(HubClient client) {
        String userName = DEMO_USER + "@" + options.org() + ".example";
        HubClient.Reply found = client.scimFindUser(userName).expect(200, "find the demo user");
        if (found.body().path("totalResults").asInt() == 0) {
            client.scimCreateUser(userName, userName, DEMO_USER).expect(201, "provision the demo user " + userName);
        }
        options.log().accept("Demo user       " + DEMO_USER + " (SCIM userName " + userName + ")");
    }

    private static boolean scimAccepts(Endpoints e, String token, Duration timeout) {
        HubClient c = new HubClient(new Endpoints(e.scimBaseUrl(), token, null, null, null, null, null, null, null));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (c.scimFindUser("readiness-probe").status() == 200) {
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /** The auth-gateway replicas; the first one is {@link Endpoints#gatewayUrl()}. */
    public List<ServiceProcess> gateways() {
        return List.copyOf(gateways);
    }

    /** Restarts one service process (as a pod restart would) and waits until it is ready again. */
    public ServiceProcess restart(ServiceProcess process) {
        ServiceProcess next = process.restart();
        services.set(services.indexOf(process), next);
        int g = gateways.indexOf(process);
        if (g >= 0) {
            gateways.set(g, next);
        }
        next.awaitReady(Duration.ofSeconds(180));
        return next;
    }

    /** The demo org's OpenID Provider. */
    public OpenIdProvider oidc() {
        return oidc;
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        if (oidc != null) {
            oidc.close();
        }
        if (options.persistent()) {
            if (kafka != null) {
                kafka.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private void writePids() {
        StringBuilder sb = new StringBuilder();
        services.forEach(s -> sb.append(s.pid()).append(' ').append(s.name()).append('\n'));
        if (options.persistent()) {
            sb.append(kafka.pid()).append(" kafka\n");
        }
        sb.append(oidc.pid()).append(" oidc-provider\n");
        try {
            Files.writeString(options.stateDir().resolve("pids"), sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Properties loadSecrets() {
        Properties p = new Properties();
        Path f = options.stateDir().resolve("secrets.properties");
        if (options.persistent() && Files.exists(f)) {
            try (var in = Files.newInputStream(f)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    private void saveSecrets(Properties p) {
        if (!options.persistent()) {
            return;
        }
        Path f = options.stateDir().resolve("secrets.properties");
        try (var out = Files.newOutputStream(f)) {
            p.store(out, "local stack secrets; never commit");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String random() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** An AES-256 key for the gateway's session cookie, base64. */
    private static String randomKey() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mkdirs(Path p) {
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int envInt(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
