package dev.hubsso.provisioning.admin;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The admin API's authenticator: an OIDC admin token first, then the API key fallback. Each
 * fails closed on its own (OIDC disabled, or no API key configured).
 */
@ApplicationScoped
public class ChainedAdminAuthenticator implements AdminAuthenticator {

    private final OidcAdminAuthenticator oidc;
    private final ApiKeyAdminAuthenticator apiKey;

    public ChainedAdminAuthenticator(OidcAdminAuthenticator oidc, ApiKeyAdminAuthenticator apiKey) {
        this.oidc = oidc;
        this.apiKey = apiKey;
    }

    @Override
    public Uni<Optional<AdminPrincipal>> authenticate(String bearerToken) {
        return oidc.authenticate(bearerToken)
                .chain(admin -> admin.isPresent() ? Uni.createFrom().item(admin) : apiKey.authenticate(bearerToken));
    }
}
