package dev.hubsso.gateway.support;

import dev.hubsso.testsupport.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** The real PostgreSQL, and a Kafka address where nothing listens: a gateway cut off from its topics. */
public class PostgresOnly implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        PostgresServer pg = PostgresServer.shared();
        String db = pg.createTestDatabase("gateway_nokafka");
        return Map.of(
                "kafka.bootstrap.servers", "localhost:1",
                "quarkus.datasource.reactive.url", pg.reactiveUrl(db),
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(db),
                "quarkus.datasource.username", pg.user(),
                "quarkus.datasource.password", pg.password());
    }

    @Override
    public void stop() {
        // the shared server lives until the JVM exits
    }
}
