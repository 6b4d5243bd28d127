package dev.hubsso.provisioning.admin;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * Decides whether a bearer credential belongs to an administrator. The admin API depends on
 * this interface only: the API-key implementation of the foundation slice is a
 * {@code @DefaultBean}, so an OIDC implementation replaces it by merely existing.
 */
public interface AdminAuthenticator {

    /**
     * Authenticates a bearer credential.
     *
     * @param bearerToken the credential after {@code Bearer }, or null when none was sent
     * @return the admin, or empty when the credential is missing or not an admin's
     */
    Uni<Optional<AdminPrincipal>> authenticate(String bearerToken);
}
