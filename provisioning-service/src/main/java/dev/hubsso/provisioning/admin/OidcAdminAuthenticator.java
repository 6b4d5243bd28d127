package dev.hubsso.provisioning.admin;

import dev.hubsso.provisioning.config.AdminConfig;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Admin authentication by OIDC access tokens (quarkus-oidc, service mode, default tenant): the
 * token's signature, issuer and expiry are verified against the configured provider's discovery
 * document and JWKS, and it must carry the admin role ({@code hub.admin.oidc-role}).
 */
@ApplicationScoped
@Typed(OidcAdminAuthenticator.class)
public class OidcAdminAuthenticator implements AdminAuthenticator {

    private static final Logger LOG = Logger.getLogger(OidcAdminAuthenticator.class);

    private final TenantIdentityProvider tokens;
    private final boolean enabled;
    private final String role;

    public OidcAdminAuthenticator(TenantIdentityProvider tokens, AdminConfig config,
            @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true") boolean enabled) {
        this.tokens = tokens;
        this.enabled = enabled;
        this.role = config.oidcRole();
    }

    /** True when an OIDC provider is configured for admin tokens. */
    public boolean enabled() {
        return enabled;
    }

    @Override
    public Uni<Optional<AdminPrincipal>> authenticate(String bearerToken) {
        if (!enabled || bearerToken == null || bearerToken.chars().filter(c -> c == '.').count() != 2) {
            // not a JWT: leave it to the next authenticator without a round of token verification
            return Uni.createFrom().item(Optional.empty());
        }
        return tokens.authenticate(new AccessTokenCredential(bearerToken))
                .onFailure().recoverWithItem(f -> {
                    LOG.debugf("OIDC admin token refused: %s", f.getMessage());
                    return null;
                })
                .map(identity -> {
                    if (identity == null || identity.isAnonymous()) {
                        return Optional.<AdminPrincipal>empty();
                    }
                    String name = identity.getPrincipal().getName();
                    if (!identity.hasRole(role)) {
                        // a good token of someone who is not an admin: 403, not a second login attempt
                        LOG.debugf("OIDC token of %s lacks the %s role", name, role);
                        throw new InsufficientRole(name, role);
                    }
                    return Optional.of(new AdminPrincipal("admin:oidc:" + name));
                });
    }

    /** A verified OIDC token whose holder lacks the admin role: the request is forbidden (403). */
    public static final class InsufficientRole extends RuntimeException {

        private static final long serialVersionUID = 1L;

        InsufficientRole(String principal, String role) {
            super(principal + " lacks the " + role + " role", null, false, false);
        }
    }
}
