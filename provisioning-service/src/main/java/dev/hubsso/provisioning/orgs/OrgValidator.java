package dev.hubsso.provisioning.orgs;

import dev.hubsso.events.ManagedUsername;
import dev.hubsso.events.OrgConfig;
import dev.hubsso.events.OrgConfig.SsoMode;
import dev.hubsso.provisioning.roles.core.RoleMapping;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /** The IdP connection after a valid change. */
    public record Idp(String issuer, String clientId, String clientSecretRef, List<String> scopes,
            Map<String, String> claimPaths) {
    }

    /** Normalized settings of a valid update; null fields stay unchanged. */
    public record Changes(SsoMode ssoMode, Boolean publicContentAllowed, List<String> allowedEmailDomains,
            Long sessionMaxAgeSeconds, OrgRole defaultRole, Idp idp, List<RoleRuleJson> roleMapping) {
    }

    /** The outcome of an update: either violations or the changes. */
    public record UpdateResult(List<Violation> violations, Changes changes) {
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    /** Longest rule list of an org. */
    public static final int MAX_RULES = 100;
    /** Scopes requested when an IdP connection names none. */
    public static final List<String> DEFAULT_SCOPES = List.of("openid", "email", "profile");

    private static final Pattern SECRET_REF = Pattern.compile("(env|file|vault|k8s|aws-sm|gcp-sm|azure-kv):[A-Za-z0-9._/#:@+=\\-]{1,255}");
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    /** Validates an update; a null request is one violation of the body itself. */
    public static UpdateResult validateUpdate(UpdateOrgRequest r) {
        List<Violation> v = new ArrayList<>();
        if (r == null) {
            v.add(new Violation("$", "a JSON object body is required"));
            return new UpdateResult(v, null);
        }
        SsoMode mode = null;
        if (r.ssoMode() != null) {
            mode = parseSsoMode(r.ssoMode()).orElse(null);
            if (mode == null) {
                v.add(new Violation("ssoMode", "must be managed or basic"));
            }
        }
        List<String> domains = r.allowedEmailDomains() == null ? null : domains(r.allowedEmailDomains(), v);
        if (r.sessionMaxAgeSeconds() != null) {
            checkMaxAge(r.sessionMaxAgeSeconds(), v);
        }
        OrgRole role = null;
        if (r.defaultRole() != null) {
            role = OrgRole.parse(r.defaultRole()).orElse(null);
            if (role == null) {
                v.add(new Violation("defaultRole", "must be read, contributor, write or admin"));
            }
        }
        Idp idp = r.idp() == null ? null : idp(r.idp(), v);
        List<RoleRuleJson> rules = r.roleMapping() == null ? null : rules(r.roleMapping(), v);
        if (!v.isEmpty()) {
            return new UpdateResult(List.copyOf(v), null);
        }
        return new UpdateResult(List.of(), new Changes(mode, r.publicContentAllowed(), domains,
                r.sessionMaxAgeSeconds(), role, idp, rules));
    }

    private static List<String> domains(List<String> given, List<Violation> v) {
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String d = given.get(i);
            String normalized = d == null ? null : d.strip().toLowerCase(Locale.ROOT);
            if (normalized == null || !isValidDomain(normalized)) {
                v.add(new Violation("allowedEmailDomains[" + i + "]", "must be a domain name such as example.com"));
            } else {
                seen.add(normalized);
            }
        }
        return List.copyOf(seen);
    }

    private static void checkMaxAge(long maxAge, List<Violation> v) {
        if (maxAge < MIN_SESSION_MAX_AGE_SECONDS || maxAge > MAX_SESSION_MAX_AGE_SECONDS) {
            v.add(new Violation("sessionMaxAgeSeconds",
                    "must be between " + MIN_SESSION_MAX_AGE_SECONDS + " and " + MAX_SESSION_MAX_AGE_SECONDS));
        }
    }

    private static Idp idp(UpdateOrgRequest.IdpRequest r, List<Violation> v) {
        if (r.clientSecret() != null) {
            v.add(new Violation("idp.clientSecret",
                    "plaintext secrets are not accepted: store the secret and send its clientSecretRef"));
        }
        if (r.issuer() == null || r.issuer().isBlank()) {
            v.add(new Violation("idp.issuer", "is required"));
        } else if (!isValidIssuer(r.issuer())) {
            v.add(new Violation("idp.issuer", "must be an https URL without query or fragment (http only for localhost)"));
        }
        if (r.clientId() == null || r.clientId().isBlank()) {
            v.add(new Violation("idp.clientId", "is required"));
        }
        if (r.clientSecretRef() != null && !SECRET_REF.matcher(r.clientSecretRef()).matches()) {
            v.add(new Violation("idp.clientSecretRef",
                    "must be a reference such as vault:secret/path#key (env:, file:, vault:, k8s:, aws-sm:, gcp-sm:, azure-kv:)"));
        }
        List<String> scopes = r.scopes() == null || r.scopes().isEmpty() ? DEFAULT_SCOPES : r.scopes();
        for (int i = 0; i < scopes.size(); i++) {
            if (scopes.get(i) == null || !SCOPE.matcher(scopes.get(i)).matches()) {
                v.add(new Violation("idp.scopes[" + i + "]", "must be a scope token"));
            }
        }
        if (!scopes.contains("openid")) {
            v.add(new Violation("idp.scopes", "must include openid"));
        }
        Map<String, String> paths = r.claimPaths() == null ? Map.of() : r.claimPaths();
        for (Map.Entry<String, String> e : paths.entrySet()) {
            if (!ClaimPaths.KEYS.contains(e.getKey())) {
                v.add(new Violation("idp.claimPaths." + e.getKey(), "unknown purpose; one of " + ClaimPaths.KEYS));
            } else if (!RoleMapping.isValidAttribute(e.getValue())) {
                v.add(new Violation("idp.claimPaths." + e.getKey(), "must be a dot path or a claim URI"));
            }
        }
        return new Idp(r.issuer(), r.clientId(), r.clientSecretRef(), List.copyOf(new LinkedHashSet<>(scopes)),
                Map.copyOf(paths));
    }

    /** Validates role mapping rules: each well-formed, and one granting admin when there are any. */
    public static List<RoleRuleJson> rules(List<RoleRuleJson> rules, List<Violation> v) {
        if (rules.size() > MAX_RULES) {
            v.add(new Violation("roleMapping", "at most " + MAX_RULES + " rules"));
            return List.of();
        }
        boolean admin = false;
        List<RoleRuleJson> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            RoleRuleJson rule = rules.get(i);
            String at = "roleMapping[" + i + "]";
            if (rule == null) {
                v.add(new Violation(at, "is required"));
                continue;
            }
            if (!RoleMapping.isValidAttribute(rule.attribute())) {
                v.add(new Violation(at + ".attribute",
                        "must be a dot path (department, org.unit) or a claim URI (https://..., urn:...)"));
            }
            if (rule.values() == null || rule.values().isEmpty()) {
                v.add(new Violation(at + ".values", "must list at least one value"));
            } else if (rule.values().stream().anyMatch(x -> x == null || x.isBlank())) {
                v.add(new Violation(at + ".values", "must not contain blank values"));
            }
            OrgRole role = rule.role() == null ? null : OrgRole.parse(rule.role()).orElse(null);
            if (role == null) {
                v.add(new Violation(at + ".role", "must be read, contributor, write or admin"));
            }
            admin |= role == OrgRole.ADMIN;
            out.add(new RoleRuleJson(rule.attribute(), rule.values() == null ? List.of() : List.copyOf(rule.values()),
                    rule.role()));
        }
        if (!rules.isEmpty() && !admin) {
            v.add(new Violation("roleMapping", "at least one rule must map to admin"));
        }
        return List.copyOf(out);
    }

    static boolean isValidIssuer(String issuer) {
        try {
            java.net.URI u = new java.net.URI(issuer);
            if (!u.isAbsolute() || u.getHost() == null || u.getQuery() != null || u.getFragment() != null) {
                return false;
            }
            return "https".equals(u.getScheme()) || ("http".equals(u.getScheme())
                    && ("localhost".equals(u.getHost()) || "127.0.0.1".equals(u.getHost())));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
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
