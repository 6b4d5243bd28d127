package dev.hubsso.gateway.logout;

import dev.hubsso.events.OrgConfig;
import dev.hubsso.gateway.config.GatewayConfig;
import dev.hubsso.gateway.logout.LogoutTokenVerifier.Expectations;
import dev.hubsso.gateway.logout.LogoutTokenVerifier.InvalidLogoutTokenException;
import dev.hubsso.gateway.logout.LogoutTokenVerifier.LogoutToken;
import dev.hubsso.gateway.revocation.RevocationIndex;
import dev.hubsso.gateway.session.SessionRevocations;
import dev.hubsso.gateway.session.SessionRevocations.ByIdpSid;
import dev.hubsso.gateway.session.SessionRevocations.ByIdpSubject;
import dev.hubsso.gateway.session.SessionRevocations.Outcome;
import dev.hubsso.gateway.session.SessionRevocations.Selector;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * OpenID Connect Back-Channel Logout 1.0 for one org: validates the IdP's logout token
 * ({@link LogoutTokenVerifier}, keys from {@link IdpMetadata}), refuses a replayed {@code jti}
 * ({@code backchannel_jti}), and revokes the org's sessions that the token names (by {@code sid},
 * else by {@code sub}). The {@code jti} and the revocations commit in one transaction, with one
 * {@code SessionRevoked} per session in the outbox: every replica's revocation index refuses them
 * once the relay has published.
 */
@ApplicationScoped
public class BackchannelLogout {

    /** The org is not ready for back-channel logout, or the IdP cannot be reached: retry later. */
    public static final class UnavailableException extends RuntimeException {
        public UnavailableException(String message) {
            super(message);
        }
    }

    private final RevocationIndex index;
    private final IdpMetadata metadata;
    private final SessionRevocations revocations;
    private final GatewayConfig.Logout config;

    public BackchannelLogout(RevocationIndex index, IdpMetadata metadata, SessionRevocations revocations,
            GatewayConfig config) {
        this.index = index;
        this.metadata = metadata;
        this.revocations = revocations;
        this.config = config.logout();
    }

    /**
     * Processes a logout token sent to {@code /login/{org}/backchannel-logout}.
     *
     * @param orgRef the org's name (or id) from the path
     * @return the number of sessions revoked (0 is a success too: nothing matched)
     * @throws InvalidLogoutTokenException (as the Uni's failure) for a token to refuse; an unknown
     *         org is refused the same way, so that the endpoint does not reveal which orgs exist
     * @throws UnavailableException (as the Uni's failure) when the answer cannot be known now
     */
    public Uni<Integer> logout(String orgRef, String token) {
        if (!index.isReady()) {
            return Uni.createFrom().failure(new UnavailableException("the revocation index is still loading"));
        }
        OrgConfig org = index.orgs().byName(orgRef).or(() -> index.orgs().byId(orgRef)).orElse(null);
        OrgConfig.IdpConnection idp = org == null ? null : org.idp();
        if (idp == null || blank(idp.issuer()) || blank(idp.clientId())) {
            return Uni.createFrom().failure(new InvalidLogoutTokenException("logout token is not valid"));
        }
        String kid;
        try {
            kid = LogoutTokenVerifier.keyId(token);
        } catch (InvalidLogoutTokenException e) {
            return Uni.createFrom().failure(e);
        }
        Expectations expected = new Expectations(idp.issuer(), idp.clientId(), config.clockSkew(), config.tokenMaxAge());
        return metadata.keysHaving(idp.issuer(), kid)
                .onFailure(IdpMetadata.UnavailableException.class)
                .transform(e -> new UnavailableException("the organization's IdP keys are unavailable"))
                .map(keys -> LogoutTokenVerifier.verify(token, keys, expected, Instant.now()))
                .chain(valid -> Panache.withTransaction(() -> remember(org.orgId(), valid)
                        .chain(fresh -> {
                            if (!fresh) {
                                return Uni.createFrom().<Outcome>failure(
                                        new InvalidLogoutTokenException("logout token was already used (jti)"));
                            }
                            Selector which = valid.sid() != null
                                    ? new ByIdpSid(org.orgId(), valid.sid())
                                    : new ByIdpSubject(org.orgId(), valid.sub());
                            return revocations.revokeInTransaction(which, SessionRevocations.BACKCHANNEL_LOGOUT);
                        })))
                .invoke(revocations::applyLocally)
                .map(Outcome::count);
    }

    /**
     * Records the token's {@code jti} for this org; false if it was recorded before (replay).
     * Expired rows are pruned first: a token older than the max age is refused by its {@code iat}
     * anyway, so its {@code jti} need not be kept.
     */
    private Uni<Boolean> remember(String orgId, LogoutToken token) {
        Instant now = Instant.now();
        Instant keepUntil = token.issuedAt().plus(config.tokenMaxAge()).plus(config.clockSkew().multipliedBy(2))
                .truncatedTo(ChronoUnit.MICROS);
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "delete from {h-schema}backchannel_jti where expires_at < ?1")
                .setParameter(1, now)
                .executeUpdate()
                .chain(() -> s.createNativeQuery("insert into {h-schema}backchannel_jti (org_id, jti, expires_at) "
                                + "values (?1, ?2, ?3) on conflict do nothing")
                        .setParameter(1, orgId)
                        .setParameter(2, token.jti())
                        .setParameter(3, keepUntil)
                        .executeUpdate())
                .map(inserted -> inserted == 1));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
