package dev.hubsso.provisioning.jit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A login the gateway verified (signature, issuer, audience, nonce, expiry of the ID token).
 *
 * @param org organization name
 * @param issuer ID token {@code iss}
 * @param subject ID token {@code sub}
 * @param email ID token {@code email}, if any
 * @param emailVerified ID token {@code email_verified}
 * @param claims every claim of the ID token (role mapping and claim paths read them)
 */
@Schema(name = "JitRequest")
public record JitRequest(
        @Schema(required = true) String org,
        @Schema(required = true) String issuer,
        @Schema(required = true) String subject,
        String email,
        @JsonProperty("email_verified") Boolean emailVerified,
        Map<String, Object> claims) {
}
