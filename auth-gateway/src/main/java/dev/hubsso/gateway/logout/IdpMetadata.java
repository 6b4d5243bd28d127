package dev.hubsso.gateway.logout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hubsso.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

/**
 * What the gateway needs from an organization's OpenID Provider outside the login flow: its
 * discovery document ({@code jwks_uri}, {@code end_session_endpoint}) and its signing keys, both
 * cached per issuer. Fetched with the non-blocking Vert.x HTTP client, so callers stay on their
 * request's context.
 *
 * <p>Keys are refreshed when the cache expires, and earlier when a token names a key id the cached
 * set does not have (key rotation), at most once per {@code jwks-min-refresh-interval} per issuer.
 */
@ApplicationScoped
public class IdpMetadata {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DOCUMENT_BYTES = 512 * 1024;

    /**
     * The parts of a discovery document the gateway uses.
     *
     * @param issuer the issuer, equal to the configured one
     * @param jwksUri where the signing keys are
     * @param endSessionEndpoint RP-initiated logout endpoint, or null when the IdP has none
     */
    public record Discovery(String issuer, String jwksUri, String endSessionEndpoint) {
    }

    /** The IdP could not be reached or answered something unusable. */
    public static final class UnavailableException extends RuntimeException {
        public UnavailableException(String message) {
            super(message);
        }
    }

    private final HttpClient http;
    private final GatewayConfig.Logout config;
    private final Cache<String, Discovery> discoveries;
    private final Cache<String, List<JsonWebKey>> keys;
    private final Map<String, Instant> lastKeyFetch = new ConcurrentHashMap<>();

    public IdpMetadata(Vertx vertx, GatewayConfig config) {
        this.config = config.logout();
        Duration timeout = this.config.httpTimeout();
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setMaxPoolSize(8));
        this.discoveries = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(this.config.metadataCacheTtl()).build();
        this.keys = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(this.config.metadataCacheTtl()).build();
    }

    @PreDestroy
    void close() {
        http.closeAndForget();
    }

    /** The issuer's discovery document (cached). Fails with {@link UnavailableException}. */
    public Uni<Discovery> discovery(String issuer) {
        Discovery cached = discoveries.getIfPresent(issuer);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        String url = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
                + "/.well-known/openid-configuration";
        return get(url).map(body -> {
            JsonNode doc = parse(body, "discovery document of " + issuer);
            // OpenID Connect Discovery 1.0 §4.3: the document must name the issuer it was fetched for.
            if (!issuer.equals(doc.path("issuer").asText(null))) {
                throw new UnavailableException("discovery document of " + issuer + " names another issuer");
            }
            String jwksUri = doc.path("jwks_uri").asText(null);
            if (jwksUri == null || jwksUri.isBlank()) {
                throw new UnavailableException("discovery document of " + issuer + " has no jwks_uri");
            }
            String endSession = doc.path("end_session_endpoint").asText(null);
            Discovery d = new Discovery(issuer, jwksUri, endSession == null || endSession.isBlank() ? null : endSession);
            discoveries.put(issuer, d);
            return d;
        });
    }

    /** The issuer's signing keys (cached). */
    public Uni<List<JsonWebKey>> keys(String issuer) {
        List<JsonWebKey> cached = keys.getIfPresent(issuer);
        return cached != null ? Uni.createFrom().item(cached) : fetchKeys(issuer);
    }

    /**
     * The issuer's signing keys, re-fetched because a token names key {@code kid} that the cached
     * set lacks, unless the last fetch is more recent than the minimum refresh interval.
     */
    public Uni<List<JsonWebKey>> keysHaving(String issuer, String kid) {
        List<JsonWebKey> cached = keys.getIfPresent(issuer);
        if (cached != null && (kid == null || cached.stream().anyMatch(k -> kid.equals(k.getKeyId())))) {
            return Uni.createFrom().item(cached);
        }
        Instant last = lastKeyFetch.get(issuer);
        if (cached != null && last != null && last.plus(config.jwksMinRefreshInterval()).isAfter(Instant.now())) {
            return Uni.createFrom().item(cached);
        }
        return fetchKeys(issuer);
    }

    private Uni<List<JsonWebKey>> fetchKeys(String issuer) {
        return discovery(issuer).chain(d -> get(d.jwksUri())).map(body -> {
            try {
                List<JsonWebKey> set = List.copyOf(new JsonWebKeySet(body).getJsonWebKeys());
                keys.put(issuer, set);
                lastKeyFetch.put(issuer, Instant.now());
                return set;
            } catch (JoseException e) {
                throw new UnavailableException("JWKS of " + issuer + " is not a JWK set");
            }
        });
    }

    private Uni<String> get(String url) {
        RequestOptions options;
        try {
            options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                    .setTimeout(config.httpTimeout().toMillis())
                    .putHeader("Accept", "application/json");
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(new UnavailableException("not a URL: " + url));
        }
        return http.request(options)
                .chain(request -> request.send())
                .chain(response -> {
                    if (response.statusCode() != 200) {
                        return Uni.createFrom().<String>failure(
                                new UnavailableException(url + " answered " + response.statusCode()));
                    }
                    return response.body().map(buffer -> {
                        if (buffer.length() > MAX_DOCUMENT_BYTES) {
                            throw new UnavailableException(url + " answered a document too large");
                        }
                        return buffer.toString();
                    });
                })
                .onFailure(f -> !(f instanceof UnavailableException))
                .transform(f -> new UnavailableException("cannot fetch " + url + ": " + f.getMessage()));
    }

    private static JsonNode parse(String body, String what) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new UnavailableException(what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new UnavailableException(what + " is not JSON");
        }
    }
}
