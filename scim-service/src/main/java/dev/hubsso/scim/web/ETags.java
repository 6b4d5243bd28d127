package dev.hubsso.scim.web;

import dev.hubsso.scim.error.ScimException;

/** Weak entity tags of resource versions, and the {@code If-Match} / {@code If-None-Match} checks. */
public final class ETags {

    private ETags() {
    }

    /** The weak entity tag of a version, as in {@code meta.version} and {@code ETag}. */
    public static String of(long version) {
        return "W/\"" + version + "\"";
    }

    /** 412 unless If-Match is absent, {@code *}, or lists the current version's tag (weak comparison). */
    public static void checkIfMatch(String ifMatch, long version) {
        if (ifMatch == null || ifMatch.isBlank() || matchesAny(ifMatch, version)) {
            return;
        }
        throw ScimException.preconditionFailed("the resource changed: its version is " + of(version));
    }

    /** Whether an If-Match / If-None-Match header lists {@code *} or this version's tag (weak comparison). */
    public static boolean matchesAny(String header, long version) {
        if (header == null || header.isBlank()) {
            return false;
        }
        String current = String.valueOf(version);
        for (String tag : header.split(",")) {
            String t = tag.strip();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/") || t.startsWith("w/")) {
                t = t.substring(2);
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            if (t.equals(current)) {
                return true;
            }
        }
        return false;
    }
}
