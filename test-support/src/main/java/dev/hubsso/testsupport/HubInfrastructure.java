package dev.hubsso.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Quarkus test resource that points a service at the real PostgreSQL and Kafka broker shared
 * by the whole module run (each started once per JVM, whatever the number of test classes).
 *
 * <p>Init arg {@code database}: the database name prefix (default {@code hub}); {@code none}
 * for a service without a datasource.
 */
public class HubInfrastructure implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, String> DATABASES = new HashMap<>();
    private String databasePrefix = "hub";

    @Override
    public void init(Map<String, String> initArgs) {
        databasePrefix = initArgs.getOrDefault("database", "hub");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        KafkaBroker kafka = KafkaBroker.shared();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        if (!"none".equals(databasePrefix)) {
            PostgresServer pg = PostgresServer.shared();
            String db = database(pg, databasePrefix);
            config.put("quarkus.datasource.reactive.url", pg.reactiveUrl(db));
            config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl(db));
            config.put("quarkus.datasource.username", pg.user());
            config.put("quarkus.datasource.password", pg.password());
        }
        return config;
    }

    private static synchronized String database(PostgresServer pg, String prefix) {
        return DATABASES.computeIfAbsent(prefix, pg::createTestDatabase);
    }

    @Override
    public void stop() {
        // shared servers live until the JVM exits, so that the next test class reuses them
    }
}
