package dev.hubsso.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A real PostgreSQL server: embedded (binaries from Maven Central, started as a child process)
 * or an external one given by {@code TEST_PG_URL} ({@code jdbc:postgresql://host:port/db}) with
 * {@code TEST_PG_USER} and {@code TEST_PG_PASSWORD}.
 */
public final class PostgresServer implements AutoCloseable {

    private static PostgresServer shared;

    private final EmbeddedPostgres embedded;
    private final String host;
    private final int port;
    private final String adminDatabase;
    private final String user;
    private final String password;

    private PostgresServer(EmbeddedPostgres embedded, String host, int port, String adminDatabase, String user,
            String password) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
        this.adminDatabase = adminDatabase;
        this.user = user;
        this.password = password;
    }

    /**
     * Starts an embedded server; the caller stops it with {@link #close()}.
     *
     * @param dataDirectory where its data lives (kept across restarts), or null for a temporary one
     * @param port the port, or 0 for any free one
     */
    public static PostgresServer embedded(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    // the owner closes it, after the services that use it (a hook of its own would race them)
                    .setRegisterShutdownHook(false);
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres pg = builder.start();
            return new PostgresServer(pg, "localhost", pg.getPort(), "postgres", "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /** Uses an existing server; {@code jdbcUrl} names the database to connect to for administration. */
    public static PostgresServer external(String jdbcUrl, String user, String password) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        return new PostgresServer(null, uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), db, user, password);
    }

    /**
     * The server every test of this JVM shares: external when {@code TEST_PG_URL} is set, embedded
     * otherwise; stopped when the JVM exits.
     */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            String url = System.getenv("TEST_PG_URL");
            shared = url != null && !url.isBlank()
                    ? external(url, env("TEST_PG_USER", "postgres"), env("TEST_PG_PASSWORD", "postgres"))
                    : embedded(null, 0);
            PostgresServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-stop"));
        }
        return shared;
    }

    /**
     * Creates a database for one test run; on an external server it gets a unique name so that
     * runs never see each other's data.
     */
    public String createTestDatabase(String prefix) {
        String name = embedded != null
                ? prefix
                : prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        createDatabase(name);
        return name;
    }

    /** Creates a database if it does not exist. */
    public void createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("database names are lowercase identifiers: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl(adminDatabase), user, password);
                Statement st = c.createStatement()) {
            var rs = st.executeQuery("select 1 from pg_database where datname = '" + name + "'");
            if (!rs.next()) {
                st.execute("create database " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** URL for the Vert.x reactive client. */
    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                // the process is gone or going; nothing else to release
            }
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PostgreSQL %s:%d (%s)", host, port, embedded != null ? "embedded" : "external");
    }
}
