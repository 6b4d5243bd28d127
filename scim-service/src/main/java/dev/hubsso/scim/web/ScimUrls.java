package dev.hubsso.scim.web;

import dev.hubsso.scim.config.ScimConfig;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Absolute URLs of an organization's SCIM endpoints, for {@code meta.location}, {@code Location} and {@code $ref}. */
public final class ScimUrls {

    private ScimUrls() {
    }

    /**
     * The organization's SCIM base, e.g. {@code https://scim.example.com/scim/v2/acme}, from
     * {@code hub.scim.public-base-url} when set, else from the request URL.
     */
    public static String base(ScimConfig config, UriInfo uri, String org) {
        String base = config.publicBaseUrl().map(URI::toString).orElse(uri.getBaseUri().toString());
        if (!base.endsWith("/")) {
            base += "/";
        }
        return base + "scim/v2/" + URLEncoder.encode(org, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
