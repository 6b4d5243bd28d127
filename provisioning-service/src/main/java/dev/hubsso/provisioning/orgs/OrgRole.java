package dev.hubsso.provisioning.orgs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A member's role in an organization, least to most privileged. */
public enum OrgRole {
    READ, CONTRIBUTOR, WRITE, ADMIN;

    /** The role as it appears in JSON, events and the database: lowercase. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role of a wire value, if it is one. */
    public static Optional<OrgRole> parse(String wire) {
        return Arrays.stream(values()).filter(r -> r.wire().equals(wire)).findFirst();
    }
}
