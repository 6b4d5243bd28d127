package dev.hubsso.provisioning.tokens;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A SCIM token just issued. The only time the token string is ever shown: store it in the IdP.
 *
 * @param id token id, to revoke it later
 * @param token the bearer token for the org's SCIM endpoint
 * @param createdAt when it was issued
 */
@Schema(name = "IssuedScimToken")
public record IssuedToken(String id, String token, Instant createdAt) {
}
