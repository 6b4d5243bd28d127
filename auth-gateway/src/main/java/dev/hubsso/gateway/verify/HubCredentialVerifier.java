package dev.hubsso.gateway.verify;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * A way to accept the hub's own, non-SSO credentials (password sessions, personal tokens of
 * ordinary accounts). Implementations are CDI beans; {@code /auth/verify} asks the first one that
 * {@link #presentIn finds a credential} in the request. Whatever an implementation accepts, the
 * gateway still refuses it for managed accounts (global SSO enforcement) and for members of a
 * basic-mode org that enforces SSO when the request targets that org.
 */
public interface HubCredentialVerifier {

    /** True if the request carries a credential this verifier understands (cheap: no crypto, no I/O). */
    boolean presentIn(ForwardedRequest request);

    /**
     * The account the credential authenticates; empty when it does not verify. A failure means
     * the verifier cannot tell right now (the caller answers 503).
     */
    Uni<Optional<HubIdentity>> verify(ForwardedRequest request);
}
