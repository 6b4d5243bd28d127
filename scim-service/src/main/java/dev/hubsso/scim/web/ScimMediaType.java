package dev.hubsso.scim.web;

/** Media types of the SCIM protocol (RFC 7644 §3.1). */
public final class ScimMediaType {

    /** What this service answers with. */
    public static final String SCIM_JSON = "application/scim+json";
    /** Also accepted in requests. */
    public static final String JSON = "application/json";

    private ScimMediaType() {
    }
}
