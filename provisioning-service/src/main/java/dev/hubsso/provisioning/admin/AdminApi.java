package dev.hubsso.provisioning.admin;

/** OpenAPI names shared by the admin resources (the scheme itself is declared on {@code OrgResource}). */
public final class AdminApi {

    /** Name of the admin bearer security scheme in the OpenAPI document. */
    public static final String SECURITY_SCHEME = "adminBearer";

    private AdminApi() {
    }
}
