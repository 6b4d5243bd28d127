package dev.hubsso.provisioning.admin;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * Decides whether a bearer credential belongs to an administrator. The admin API depends on
 * this interface only; {@link ChainedAdminAuthenticator} is its one bean (OIDC token, then API key).
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
