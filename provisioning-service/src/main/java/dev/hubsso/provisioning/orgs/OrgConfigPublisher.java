package dev.hubsso.provisioning.orgs;

import dev.hubsso.events.OrgConfig;
import dev.hubsso.events.OrgConfig.ScimTokenHash;
import dev.hubsso.outbox.Outbox;
import dev.hubsso.provisioning.tokens.ScimToken;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Appends an organization's full snapshot to the outbox. Called by every change of an org or
 * its tokens, inside the transaction of the change and after the org's version was bumped.
 */
@ApplicationScoped
public class OrgConfigPublisher {

    private final Outbox outbox;

    public OrgConfigPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Publishes the snapshot of {@code org} with these SCIM tokens.
     *
     * @param usableTokens the org's tokens after the change that are neither revoked nor expired
     */
    public Uni<Void> publish(Org org, List<ScimToken> usableTokens, Instant now) {
        return outbox.append(snapshot(org, usableTokens, now));
    }

    /** The OrgConfig event of an org: token hashes only, never a secret. */
    public static OrgConfig snapshot(Org org, List<ScimToken> usableTokens, Instant now) {
        List<ScimTokenHash> tokens = usableTokens.stream()
                .map(t -> new ScimTokenHash(t.id.toString(), t.sha256, t.createdAt, t.expiresAt))
                .toList();
        // claim paths, role mapping rules and resource groups are not part of the contract yet
        OrgConfig.IdpConnection idp = org.idpIssuer == null ? null
                : new OrgConfig.IdpConnection(org.idpIssuer, org.idpClientId, org.idpClientSecretRef, org.idpScopes);
        return new OrgConfig(org.id.toString(), org.name, org.shortCode, org.ssoMode, org.publicContentAllowed,
                org.sessionMaxAgeSeconds, org.allowedEmailDomains, org.defaultRole, tokens, idp, org.version,
                false, now);
    }
}
