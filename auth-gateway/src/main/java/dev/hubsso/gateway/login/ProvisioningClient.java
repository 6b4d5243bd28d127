package dev.hubsso.gateway.login;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubsso.gateway.config.GatewayConfig;
import dev.hubsso.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Calls provisioning-service's {@code POST /internal/jit} with a verified login: provisioning
 * links or creates the account, re-applies role mapping, and refuses accounts that must not log
 * in. Reactive (Vert.x web client), bounded by {@code hub.gateway.login.jit-timeout}.
 */
@ApplicationScoped
public class ProvisioningClient {

    private static final Logger LOG = Logger.getLogger(ProvisioningClient.class);

    private final WebClient client;
    private final ObjectMapper json;
    private final String url;
    private final long timeoutMillis;

    public ProvisioningClient(Vertx vertx, ObjectMapper json, GatewayConfig config) {
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
        this.json = json;
        String base = config.provisioningUrl();
        this.url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/internal/jit";
        this.timeoutMillis = config.login().jitTimeout().toMillis();
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * The body of {@code POST /internal/jit}.
     *
     * @param org org name
     * @param issuer ID token {@code iss}
     * @param subject ID token {@code sub}
     * @param email ID token {@code email}
     * @param emailVerified ID token {@code email_verified}
     * @param claims every ID token claim
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JitRequest(String org, String issuer, String subject, String email,
            @JsonProperty("email_verified") Boolean emailVerified, Map<String, Object> claims) {
    }

    /**
     * The account of a login, as provisioning answers it.
     *
     * @param userId hub account id
     * @param username hub username
     * @param orgRole role in the org after this login's role mapping
     * @param resourceGroupRoles resource group id to role
     * @param managed whether the org's IdP owns the account
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record JitAccount(String userId, String username, String orgRole, Map<String, String> resourceGroupRoles,
            boolean managed) {
    }

    /** What provisioning said. */
    public sealed interface Outcome permits Linked, Refused {
    }

    /** The login belongs to this account. */
    public record Linked(JitAccount account) implements Outcome {
    }

    /**
     * Provisioning refused the login (403, 404 or 409).
     *
     * @param status provisioning's status
     * @param detail provisioning's problem detail, if any
     */
    public record Refused(int status, String detail) implements Outcome {
    }

    /**
     * Asks provisioning. Fails with a 503 {@link ProblemException} when provisioning cannot be
     * reached, times out or answers anything else than 200/403/404/409 with a usable body.
     */
    public Uni<Outcome> jit(JitRequest request, String requestId) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(request);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Uni.createFrom().failure(ProblemException.badRequest("the ID token's claims cannot be forwarded"));
        }
        var call = client.requestAbs(HttpMethod.POST, url)
                .timeout(timeoutMillis)
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json");
        if (requestId != null) {
            call.putHeader("X-Request-Id", requestId);
        }
        return call.sendBuffer(Buffer.buffer(body))
                .onFailure().transform(f -> {
                    LOG.warnf("provisioning JIT unreachable at %s: %s", url, f.toString());
                    return unavailable();
                })
                .map(this::outcome);
    }

    private Outcome outcome(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        try {
            if (status == 200) {
                JitAccount account = json.readValue(response.bodyAsString(), JitAccount.class);
                if (account.userId() == null || account.userId().isBlank()) {
                    throw new IllegalStateException("no userId");
                }
                return new Linked(account);
            }
            if (status == 403 || status == 404 || status == 409) {
                String detail = null;
                String text = response.bodyAsString();
                if (text != null && !text.isBlank()) {
                    JsonNode problem = json.readTree(text);
                    detail = problem.hasNonNull("detail") ? problem.get("detail").asText() : null;
                }
                return new Refused(status, detail);
            }
        } catch (Exception e) {
            LOG.warnf("provisioning JIT answered %d with an unusable body: %s", status, e.toString());
            throw unavailable();
        }
        LOG.warnf("provisioning JIT answered %d", status);
        throw unavailable();
    }

    private static ProblemException unavailable() {
        return ProblemException.unavailable("account provisioning is unavailable; try again shortly");
    }
}
