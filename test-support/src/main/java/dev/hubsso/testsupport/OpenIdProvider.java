package dev.hubsso.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenID Provider ({@code no.nav.security:mock-oauth2-server}) run as a child JVM. Every
 * path segment is an issuer of its own ({@code http://localhost:PORT/<issuerId>}), with discovery,
 * JWKS (keys it generates), authorization code flow with PKCE, an interactive login form,
 * client credentials and token introspection; claims per issuer and grant come from the JSON
 * configuration (see the project's documentation of {@code JSON_CONFIG}).
 */
public final class OpenIdProvider implements AutoCloseable {

    /** Configuration with the interactive login form and no custom claims. */
    public static final String INTERACTIVE = "{\"interactiveLogin\":true}";

    private static OpenIdProvider shared;

    private final int port;
    private final Path log;
    private final Process process;

    private OpenIdProvider(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts a provider.
     *
     * @param port the port, or 0 for any free one
     * @param jsonConfig mock-oauth2-server JSON configuration ({@link #INTERACTIVE} for the login form)
     * @param logFile where its output goes
     */
    public static OpenIdProvider start(int port, String jsonConfig, Path logFile) {
        int p = port > 0 ? port : ChildJvm.freePort();
        String cp = ChildJvm.recordedClasspath(OpenIdProvider.class, "/dev/hubsso/oidc/oidc-provider.classpath");
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            ProcessBuilder pb = new ProcessBuilder(ChildJvm.command(cp, List.of("-Xmx256m",
                    "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            pb.environment().put("SERVER_HOSTNAME", "localhost");
            pb.environment().put("SERVER_PORT", Integer.toString(p));
            pb.environment().put("JSON_CONFIG", jsonConfig);
            OpenIdProvider provider = new OpenIdProvider(p, logFile, pb.start());
            provider.awaitReady(Duration.ofSeconds(60));
            return provider;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the OpenID Provider", e);
        }
    }

    /** The provider every test of this JVM shares (interactive login); stopped when the JVM exits. */
    public static synchronized OpenIdProvider shared() {
        if (shared == null) {
            try {
                shared = start(0, INTERACTIVE, Files.createTempDirectory("hub-oidc-").resolve("provider.log"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            OpenIdProvider p = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(p::close, "oidc-provider-stop"));
        }
        return shared;
    }

    /** Issuer URL of an issuer id, e.g. {@code issuer("demo")} → {@code http://localhost:PORT/demo}. */
    public String issuer(String issuerId) {
        return baseUrl() + "/" + issuerId;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer("ready") + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("OpenID Provider exited: " + ChildJvm.tail(log));
            }
            try {
                if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            ChildJvm.sleep(200);
        }
        throw new IllegalStateException("OpenID Provider not ready within " + timeout + ": " + ChildJvm.tail(log));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
