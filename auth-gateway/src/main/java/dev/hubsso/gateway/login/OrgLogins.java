package dev.hubsso.gateway.login;

import dev.hubsso.events.OrgConfig;
import dev.hubsso.gateway.config.GatewayConfig;
import dev.hubsso.gateway.revocation.RevocationIndex;
import dev.hubsso.kit.problem.ProblemException;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.OidcTenantConfigBuilder;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.quarkus.oidc.runtime.OidcTenantConfig.Authentication.CookieSameSite;
import io.quarkus.oidc.runtime.OidcTenantConfig.TokenStateManager.Strategy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Turns an org name into the OIDC tenant that logs its members in, from the org snapshot this
 * replica holds (so an org added, reconfigured or deleted at runtime takes effect at the next
 * request, without a restart).
 *
 * <p>The tenant id names the org, its version and a keyed fingerprint of its client secret, so a
 * new issuer, client or rotated secret gets a fresh quarkus-oidc tenant (new discovery, JWKS and
 * client) while an unchanged org keeps reusing the one already built. Secrets that protect the
 * code flow's state cookie and quarkus-oidc's short-lived session cookie are derived from the
 * first session key, so every replica can finish a login that another one started.
 */
@ApplicationScoped
public class OrgLogins {

    private static final Logger LOG = Logger.getLogger(OrgLogins.class);

    /** Type of the problem answered when an org's client secret cannot be read. */
    public static final String SECRET_UNRESOLVABLE = "urn:hub:problem:client-secret-unresolvable";

    private final RevocationIndex index;
    private final Vertx vertx;
    private final GatewayConfig config;
    private final byte[] derivationKey;

    public OrgLogins(RevocationIndex index, Vertx vertx, GatewayConfig config) {
        this.index = index;
        this.vertx = vertx;
        this.config = config;
        this.derivationKey = firstSessionKey(config.session().keys());
    }

    /**
     * What a login of one org needs.
     *
     * @param org the org snapshot
     * @param tenant the quarkus-oidc tenant of its IdP
     */
    public record Target(OrgConfig org, OidcTenantConfig tenant) {

        /** The tenant id. */
        public String tenantId() {
            return tenant.tenantId().orElseThrow();
        }
    }

    /**
     * The login target of an org, or a failed {@link ProblemException}: 404 for an unknown or
     * deleted org, 409 for an org without an IdP connection, 503 when its client secret cannot be
     * resolved.
     */
    public Uni<Target> target(String orgName) {
        Optional<OrgConfig> found = index.orgs().byName(orgName);
        if (found.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.notFound("no organization named " + orgName));
        }
        OrgConfig org = found.get();
        OrgConfig.IdpConnection idp = org.idp();
        if (idp == null || blank(idp.issuer()) || blank(idp.clientId())) {
            return Uni.createFrom().failure(ProblemException.conflict(
                    "organization " + org.name() + " has no identity provider configured for SSO"));
        }
        return secret(org, ClientSecrets.parse(idp.clientSecretRef()))
                .map(secret -> new Target(org, tenant(org, idp, secret.orElse(null))));
    }

    /** The tenant id of an org at its current version with a given client secret (null: public client). */
    String tenantId(OrgConfig org, String secret) {
        String fingerprint = secret == null ? "pub" : HexFormat.of().formatHex(hmac("client-secret:" + secret), 0, 4);
        return ("org-" + org.orgId() + "-v" + org.version() + "-" + fingerprint).replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private OidcTenantConfig tenant(OrgConfig org, OrgConfig.IdpConnection idp, String secret) {
        String tenantId = tenantId(org, secret);
        List<String> scopes = idp.scopes().stream().filter(s -> !s.isBlank() && !"openid".equals(s)).toList();
        OidcTenantConfigBuilder builder = OidcTenantConfig.authServerUrl(idp.issuer())
                .tenantId(tenantId)
                .applicationType(ApplicationType.WEB_APP)
                .clientId(idp.clientId());
        if (secret != null) {
            builder = builder.credentials().secret(secret).end();
        }
        return builder
                .authentication()
                    .pkceRequired(true)
                    .nonceRequired(true)
                    .idTokenRequired(true)
                    .addOpenidScope(true)
                    .scopes(scopes)
                    .removeRedirectParameters(true)
                    .restorePathAfterRedirect(true)
                    .failOnMissingStateParam(true)
                    .javaScriptAutoRedirect(true)
                    .cookieSameSite(CookieSameSite.LAX)
                    .cookieForceSecure(config.session().secureCookie())
                    .stateCookieAge(config.login().stateCookieAge())
                    .stateSecret(derive("state:" + tenantId))
                    .end()
                .tokenStateManager()
                    .strategy(Strategy.ID_TOKEN)
                    .encryptionRequired(true)
                    .encryptionSecret(derive("session:" + tenantId))
                    .end()
                .token()
                    .issuedAtRequired(true)
                    .subjectRequired(true)
                    .end()
                .build();
    }

    private Uni<Optional<String>> secret(OrgConfig org, ClientSecrets.Ref ref) {
        if (ref instanceof ClientSecrets.PublicClient) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (ref instanceof ClientSecrets.Env env) {
            Optional<String> value = ClientSecrets.fromEnv(env, System::getenv);
            return value.isPresent() ? Uni.createFrom().item(value)
                    : unresolvable(org, "environment variable " + env.name() + " is not set");
        }
        if (ref instanceof ClientSecrets.File file) {
            return vertx.fileSystem().props(file.path())
                    .chain(props -> props.size() > ClientSecrets.MAX_FILE_BYTES
                            ? Uni.createFrom().failure(new IllegalStateException("larger than "
                                    + ClientSecrets.MAX_FILE_BYTES + " bytes"))
                            : vertx.fileSystem().readFile(file.path()))
                    .map(buffer -> ClientSecrets.fromFileContent(buffer.toString(StandardCharsets.UTF_8)))
                    .onFailure().recoverWithItem(Optional.empty())
                    .chain(value -> value.isPresent() ? Uni.createFrom().item(value)
                            : unresolvable(org, "file " + file.path() + " is missing, unreadable, too large or empty"));
        }
        return unresolvable(org, ((ClientSecrets.Unsupported) ref).reason());
    }

    private static Uni<Optional<String>> unresolvable(OrgConfig org, String why) {
        // The reason names the reference (variable, path, scheme), never a secret.
        LOG.warnf("login of organization %s refused: client secret not resolvable: %s", org.name(), why);
        return Uni.createFrom().failure(new ProblemException(503, SECRET_UNRESOLVABLE, "Service Unavailable",
                "client secret not resolvable for organization " + org.name(), null));
    }

    private String derive(String purpose) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(purpose));
    }

    private byte[] hmac(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(derivationKey, "HmacSHA256"));
            return mac.doFinal(("hub-gateway-login:" + input).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is a required JDK algorithm", e);
        }
    }

    private static byte[] firstSessionKey(List<String> keys) {
        if (keys == null || keys.isEmpty() || keys.get(0) == null || keys.get(0).indexOf(':') < 0) {
            throw new IllegalArgumentException("hub.gateway.session.keys must hold at least one <id>:<base64> key");
        }
        String entry = keys.get(0);
        return Base64.getDecoder().decode(entry.substring(entry.indexOf(':') + 1).trim());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
