package dev.hubsso.provisioning.orgs;

import dev.hubsso.events.ManagedUsername;
import dev.hubsso.events.OrgConfig;
import dev.hubsso.events.OrgConfig.SsoMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks and normalizes organization settings. No framework imports: every rule is unit-tested
 * without starting anything.
 */
public final class OrgValidator {

    /** Shortest accepted SSO session lifetime. */
    public static final long MIN_SESSION_MAX_AGE_SECONDS = 60;
    /** Longest accepted SSO session lifetime: a year. */
    public static final long MAX_SESSION_MAX_AGE_SECONDS = 365L * 24 * 3600;
    /** Longest org name (org names share the hub namespace with usernames). */
    public static final int MAX_NAME_LENGTH = 42;

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern DOMAIN_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private OrgValidator() {
    }

    /**
     * One invalid field.
     *
     * @param field field name in the request JSON ({@code allowedEmailDomains[1]} for an element)
     * @param message why it is invalid
     */
    public record Violation(String field, String message) {
    }

    /** Normalized settings of a valid new organization. */
    public record NewOrg(String name, String shortCode, SsoMode ssoMode, boolean publicContentAllowed,
            List<String> allowedEmailDomains, long sessionMaxAgeSeconds, OrgRole defaultRole) {
    }

    /** The outcome: either violations or the normalized settings. */
    public record Result(List<Violation> violations, NewOrg org) {
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    /** Validates a create request; a null request is one violation of the body itself. */
    public static Result validate(CreateOrgRequest r) {
        List<Violation> v = new ArrayList<>();
        if (r == null) {
            v.add(new Violation("$", "a JSON object body is required"));
            return new Result(v, null);
        }
        if (r.name() == null || r.name().isBlank()) {
            v.add(new Violation("name", "is required"));
        } else if (!isValidName(r.name())) {
            v.add(new Violation("name", "must be 2-" + MAX_NAME_LENGTH
                    + " lowercase letters, digits or single dashes, not starting or ending with a dash, not all digits"));
        }
        if (r.shortCode() == null || r.shortCode().isBlank()) {
            v.add(new Violation("shortCode", "is required"));
        } else if (!ManagedUsername.isValidShortCode(r.shortCode())) {
            v.add(new Violation("shortCode", "must be 2-10 lowercase letters or digits, with at least one letter"));
        }
        SsoMode mode = null;
        if (r.ssoMode() == null) {
            v.add(new Violation("ssoMode", "is required"));
        } else {
            mode = parseSsoMode(r.ssoMode()).orElse(null);
            if (mode == null) {
                v.add(new Violation("ssoMode", "must be managed or basic"));
            }
        }
        if (r.publicContentAllowed() == null) {
            v.add(new Violation("publicContentAllowed", "is required"));
        }
        List<String> domains = new ArrayList<>();
        if (r.allowedEmailDomains() == null) {
            v.add(new Violation("allowedEmailDomains", "is required (may be empty)"));
        } else {
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < r.allowedEmailDomains().size(); i++) {
                String d = r.allowedEmailDomains().get(i);
                String normalized = d == null ? null : d.strip().toLowerCase(Locale.ROOT);
                if (normalized == null || !isValidDomain(normalized)) {
                    v.add(new Violation("allowedEmailDomains[" + i + "]", "must be a domain name such as example.com"));
                } else {
                    seen.add(normalized);
                }
            }
            domains.addAll(seen);
        }
        long maxAge = OrgConfig.DEFAULT_SESSION_MAX_AGE_SECONDS;
        if (r.sessionMaxAgeSeconds() != null) {
            maxAge = r.sessionMaxAgeSeconds();
            if (maxAge < MIN_SESSION_MAX_AGE_SECONDS || maxAge > MAX_SESSION_MAX_AGE_SECONDS) {
                v.add(new Violation("sessionMaxAgeSeconds",
                        "must be between " + MIN_SESSION_MAX_AGE_SECONDS + " and " + MAX_SESSION_MAX_AGE_SECONDS));
            }
        }
        OrgRole role = OrgRole.READ;
        if (r.defaultRole() != null) {
            role = OrgRole.parse(r.defaultRole()).orElse(null);
            if (role == null) {
                v.add(new Violation("defaultRole", "must be read, contributor, write or admin"));
            }
        }
        if (!v.isEmpty()) {
            return new Result(List.copyOf(v), null);
        }
        return new Result(List.of(), new NewOrg(r.name(), r.shortCode(), mode, r.publicContentAllowed(),
                List.copyOf(domains), maxAge, role));
    }

    /** True for a lowercase slug of 2–42 characters that is not all digits. */
    public static boolean isValidName(String name) {
        return name.length() >= 2 && name.length() <= MAX_NAME_LENGTH && SLUG.matcher(name).matches()
                && !DIGITS.matcher(name).matches();
    }

    static Optional<SsoMode> parseSsoMode(String s) {
        return switch (s) {
            case "managed" -> Optional.of(SsoMode.MANAGED);
            case "basic" -> Optional.of(SsoMode.BASIC);
            default -> Optional.empty();
        };
    }

    static boolean isValidDomain(String d) {
        if (d.isEmpty() || d.length() > 253) {
            return false;
        }
        String[] labels = d.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!DOMAIN_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return !DIGITS.matcher(labels[labels.length - 1]).matches();
    }
}
