package dev.hubsso.provisioning.admin;

import dev.hubsso.provisioning.config.AdminConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Typed;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Admin authentication by the static API key {@code hub.admin.api-key}: the fallback of the local
 * stack, consulted after OIDC (see {@link ChainedAdminAuthenticator}).
 */
@ApplicationScoped
@Typed(ApiKeyAdminAuthenticator.class)
public class ApiKeyAdminAuthenticator implements AdminAuthenticator {

    private static final Logger LOG = Logger.getLogger(ApiKeyAdminAuthenticator.class);
    private static final AdminPrincipal API_KEY_ADMIN = new AdminPrincipal("admin:api-key");

    private final byte[] expectedDigest;

    public ApiKeyAdminAuthenticator(AdminConfig config) {
        this.expectedDigest = config.apiKey().filter(k -> !k.isBlank()).map(ApiKeyAdminAuthenticator::sha256).orElse(null);
    }

    void warnIfUnset(@Observes StartupEvent event) {
        if (expectedDigest == null) {
            LOG.info("hub.admin.api-key is not set: admin requests need an OIDC admin token");
        }
    }

    @Override
    public Uni<Optional<AdminPrincipal>> authenticate(String bearerToken) {
        if (expectedDigest == null || bearerToken == null || bearerToken.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        // comparing fixed-length digests in constant time leaks neither content nor length of the key
        boolean ok = MessageDigest.isEqual(expectedDigest, sha256(bearerToken));
        return Uni.createFrom().item(ok ? Optional.of(API_KEY_ADMIN) : Optional.empty());
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }
}
