package dev.hubsso.provisioning.orgs;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An organization as the admin API shows it.
 *
 * @param id organization id (the key of its OrgConfig events, the {@code orgId} of its accounts)
 * @param name name as in hub URLs
 * @param shortCode managed-username suffix
 * @param ssoMode {@code managed} or {@code basic}
 * @param publicContentAllowed whether members may create public content
 * @param allowedEmailDomains email domains of the org's users
 * @param sessionMaxAgeSeconds SSO session lifetime
 * @param defaultRole role when no mapping rule matches
 * @param version version of the latest OrgConfig snapshot
 * @param created creation time
 * @param updated time of the latest change
 */
@Schema(name = "Org")
public record OrgView(
        String id,
        String name,
        String shortCode,
        @Schema(enumeration = { "managed", "basic" }) String ssoMode,
        boolean publicContentAllowed,
        List<String> allowedEmailDomains,
        long sessionMaxAgeSeconds,
        String defaultRole,
        long version,
        Instant created,
        Instant updated) {

    static OrgView of(Org org) {
        return new OrgView(org.id.toString(), org.name, org.shortCode, org.ssoMode.name().toLowerCase(Locale.ROOT),
                org.publicContentAllowed, List.copyOf(org.allowedEmailDomains), org.sessionMaxAgeSeconds,
                org.defaultRole, org.version, org.created, org.updated);
    }
}
