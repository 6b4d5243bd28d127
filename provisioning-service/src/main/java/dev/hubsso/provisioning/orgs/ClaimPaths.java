package dev.hubsso.provisioning.orgs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the hub finds what it needs in an org's ID tokens: dot paths or claim URIs, by purpose.
 *
 * @param username source of the managed username (its local part if it is an email)
 * @param email the user's email
 * @param groups group names (role mapping and resource-group links also see SCIM groups here)
 * @param externalId the IdP's id of the user as SCIM sends it in {@code externalId}
 * @param displayName the user's display name
 */
public record ClaimPaths(String username, String email, String groups, String externalId, String displayName) {

    /** The purposes an org may override. */
    public static final List<String> KEYS = List.of("username", "email", "groups", "externalId", "displayName");

    /** Defaults: standard OIDC claims; {@code sub} as externalId (Okta sends its user id in both). */
    public static final ClaimPaths DEFAULT = new ClaimPaths("preferred_username", "email", "groups", "sub", "name");

    /** Defaults overridden by {@code overrides}. */
    public static ClaimPaths of(Map<String, String> overrides) {
        Map<String, String> m = new LinkedHashMap<>(DEFAULT.asMap());
        if (overrides != null) {
            m.putAll(overrides);
        }
        return new ClaimPaths(m.get("username"), m.get("email"), m.get("groups"), m.get("externalId"),
                m.get("displayName"));
    }

    /** By purpose. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("username", username);
        m.put("email", email);
        m.put("groups", groups);
        m.put("externalId", externalId);
        m.put("displayName", displayName);
        return m;
    }
}
