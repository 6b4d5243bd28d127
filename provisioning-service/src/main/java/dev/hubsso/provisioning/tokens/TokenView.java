package dev.hubsso.provisioning.tokens;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Metadata of a SCIM token; never the token or its hash.
 *
 * @param id token id
 * @param createdAt when it was issued
 * @param expiresAt when it stops working, or null
 */
@Schema(name = "ScimToken")
public record TokenView(String id, Instant createdAt, Instant expiresAt) {

    static TokenView of(ScimToken t) {
        return new TokenView(t.id.toString(), t.createdAt, t.expiresAt);
    }
}
