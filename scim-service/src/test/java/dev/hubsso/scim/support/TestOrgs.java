package dev.hubsso.scim.support;

import dev.hubsso.events.OrgConfig;
import dev.hubsso.events.OrgConfig.ScimTokenHash;
import dev.hubsso.events.OrgConfig.SsoMode;
import dev.hubsso.testsupport.EventPublisher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sets up organizations the way provisioning-service does: by publishing {@link OrgConfig}
 * snapshots to {@code hub.org-config.v1} on the real broker. A SCIM token is any string whose
 * SHA-256 is in the snapshot.
 */
public final class TestOrgs {


    private TestOrgs() {
    }

    /**
     * An organization under test.
     *
     * @param orgId its id
     * @param name its name (in the SCIM URL)
     * @param shortCode suffix of its managed usernames
     * @param token a valid SCIM token
     * @param tokenId the token's public id
     */
    public record TestOrg(String orgId, String name, String shortCode, String token, String tokenId) {

        /** This org's snapshot at {@code version} with the given tokens. */
        public OrgConfig snapshot(long version, List<ScimTokenHash> tokens, boolean deleted) {
            return new OrgConfig(orgId, name, shortCode, SsoMode.MANAGED, false, OrgConfig.DEFAULT_SESSION_MAX_AGE_SECONDS,
                    List.of("example.com"), "read", tokens, null, version, deleted, Instant.now());
        }

        /** The hash entry of this org's main token. */
        public ScimTokenHash tokenHash() {
            return hash(tokenId, token, null);
        }

        /** SCIM base URL path of this org, e.g. {@code /scim/v2/acme-12ab}. */
        public String base() {
            return "/scim/v2/" + name;
        }
    }

    /** Publishes a new organization with one token (version 1). Call {@link ScimApi#awaitOrg} before using it. */
    public static TestOrg create(String prefix) {
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36);
        String shortCode = "t" + suffix;
        TestOrg org = new TestOrg("org-" + UUID.randomUUID(), prefix + "-" + suffix, shortCode,
                "scim-" + UUID.randomUUID(), "tok-" + suffix);
        publish(org.snapshot(1, List.of(org.tokenHash()), false));
        return org;
    }

    /** A token hash entry for {@code token}. */
    public static ScimTokenHash hash(String tokenId, String token, Instant expiresAt) {
        return new ScimTokenHash(tokenId, sha256(token), Instant.now(), expiresAt);
    }

    /** Publishes a snapshot (key orgId, ce_type header) and waits for the broker's acknowledgement. */
    public static void publish(OrgConfig config) {
        EventPublisher.publish(config);
    }

    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
