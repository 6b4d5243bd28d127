package dev.hubsso.gateway.hubcred;

import dev.hubsso.gateway.config.GatewayConfig;
import dev.hubsso.gateway.verify.ForwardedRequest;
import dev.hubsso.gateway.verify.HubCredentialVerifier;
import dev.hubsso.gateway.verify.HubIdentity;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;

/**
 * The signed-token adapter for the hub's own credentials: {@code Authorization: Bearer
 * hubpw_<JWT>} or the {@code hub_legacy_session} cookie (names configurable), verified by
 * {@link SignedHubCredentials} against public keys from {@code hub.gateway.hub-credentials.*}: a
 * JWKS file, a JWKS URL (fetched at start and every five minutes, off the request path), or a PEM
 * public key. With none configured the adapter is off: it finds no credential in any request.
 */
@ApplicationScoped
public class SignedHubCredentialVerifier implements HubCredentialVerifier {

    private static final Logger LOG = Logger.getLogger(SignedHubCredentialVerifier.class);
    private static final String BEARER = "Bearer ";
    private static final Duration JWKS_REFRESH = Duration.ofMinutes(5);

    private final GatewayConfig.HubCredentials config;
    private volatile SignedHubCredentials credentials;
    private ScheduledExecutorService refresher;

    public SignedHubCredentialVerifier(GatewayConfig config) {
        this.config = config.hubCredentials();
    }

    void onStart(@Observes StartupEvent event) {
        if (config.publicKeyPem().isPresent()) {
            credentials = build(SignedHubCredentials.parsePem(config.publicKeyPem().get()));
        } else if (config.jwksFile().isPresent()) {
            try {
                credentials = build(SignedHubCredentials.parseJwks(Files.readString(Path.of(config.jwksFile().get()))));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read hub.gateway.hub-credentials.jwks-file: " + e.getMessage());
            }
        } else if (config.jwksUrl().isPresent()) {
            refresher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "hub-credentials-jwks");
                t.setDaemon(true);
                return t;
            });
            refresher.scheduleWithFixedDelay(this::refresh, 0, JWKS_REFRESH.toSeconds(), TimeUnit.SECONDS);
        }
        LOG.infof("hub credentials: %s", enabled() ? "accepted for non-managed accounts" : "off (no key configured)");
    }

    void onStop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    private SignedHubCredentials build(List<JsonWebKey> keys) {
        return new SignedHubCredentials(keys, config.issuer(), config.algorithms(), config.clockSkew(),
                config.usernameClaim());
    }

    private void refresh() {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(config.jwksUrl().get()))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.warnf("hub credential JWKS: HTTP %d", response.statusCode());
                return;
            }
            List<JsonWebKey> keys = SignedHubCredentials.parseJwks(response.body());
            SignedHubCredentials held = credentials;
            if (held == null) {
                credentials = build(keys);
            } else {
                held.replaceKeys(keys);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("hub credential JWKS: %s", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True if a key source is configured. */
    public boolean enabled() {
        return config.publicKeyPem().isPresent() || config.jwksFile().isPresent() || config.jwksUrl().isPresent();
    }

    @Override
    public boolean presentIn(ForwardedRequest request) {
        return enabled() && credentialOf(request) != null;
    }

    @Override
    public Uni<Optional<HubIdentity>> verify(ForwardedRequest request) {
        String jwt = credentialOf(request);
        SignedHubCredentials c = credentials;
        if (jwt == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (c == null) {
            // a JWKS URL that has not answered yet: cannot tell, fail closed
            return Uni.createFrom().failure(new IllegalStateException("hub credential keys not loaded"));
        }
        return Uni.createFrom().item(c.verify(jwt));
    }

    private String credentialOf(ForwardedRequest request) {
        String auth = request.authorization();
        String prefix = config.bearerPrefix();
        if (auth != null && auth.length() > BEARER.length() + prefix.length()
                && auth.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && auth.startsWith(prefix, BEARER.length())) {
            return auth.substring(BEARER.length() + prefix.length()).trim();
        }
        return request.cookie(config.cookieName());
    }
}
