package dev.hubsso.gateway.logout;

import dev.hubsso.events.OrgConfig;
import dev.hubsso.gateway.config.GatewayConfig;
import dev.hubsso.gateway.revocation.RevocationIndex;
import dev.hubsso.gateway.session.SessionClaims;
import dev.hubsso.gateway.session.SessionCookieCodec;
import dev.hubsso.gateway.session.SessionCookies;
import dev.hubsso.gateway.session.SessionRevocations;
import dev.hubsso.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * RP-initiated logout ({@code GET} or {@code POST /logout}): revokes the session of the request's
 * cookie on every replica, clears the cookie, and sends the browser to its org's IdP to end the
 * IdP session too (OpenID Connect RP-Initiated Logout 1.0: the discovery document's
 * {@code end_session_endpoint} with {@code client_id} and {@code post_logout_redirect_uri}), or
 * back to the site when the IdP has no such endpoint.
 *
 * <p>{@code redirect_uri} (query, or form field on POST) chooses where the browser lands
 * afterwards; only a path or a URL of the gateway's own origin is honoured, anything else falls
 * back to {@code /} (never an open redirect). Without a valid cookie the answer is still a 302
 * that clears the cookie. If the session cannot be revoked (registry unreachable) the answer is a
 * 503 problem and the cookie is kept, so that logging out can be retried.
 */
@Path("/logout")
@Tag(name = "Logout")
public class LogoutResource {

    private static final Logger LOG = Logger.getLogger(LogoutResource.class);

    private final SessionCookies cookies;
    private final SessionCookieCodec codec;
    private final SessionRevocations revocations;
    private final RevocationIndex index;
    private final IdpMetadata metadata;
    private final GatewayConfig config;

    public LogoutResource(SessionCookies cookies, SessionCookieCodec codec, SessionRevocations revocations,
            RevocationIndex index, IdpMetadata metadata, GatewayConfig config) {
        this.cookies = cookies;
        this.codec = codec;
        this.revocations = revocations;
        this.index = index;
        this.metadata = metadata;
        this.config = config;
    }

    /** Logs out (link or redirect). */
    @GET
    @Operation(summary = "Log out: revoke the session, clear the cookie, end the IdP session")
    @APIResponse(responseCode = "302", description = "To the IdP's end_session_endpoint, or to the site")
    @APIResponse(responseCode = "503", description = "The session could not be revoked; the cookie is kept")
    public Uni<Response> logout(@Context HttpHeaders headers, @Context UriInfo uri,
            @Parameter(description = "where to land afterwards: a path or a URL of this site")
            @QueryParam("redirect_uri") String redirectUri) {
        return logout(headers, uri.getBaseUri(), redirectUri);
    }

    /** Logs out (form button). */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Log out (form post)")
    @APIResponse(responseCode = "302", description = "To the IdP's end_session_endpoint, or to the site")
    public Uni<Response> logoutForm(@Context HttpHeaders headers, @Context UriInfo uri,
            @QueryParam("redirect_uri") String query, @FormParam("redirect_uri") String form) {
        return logout(headers, uri.getBaseUri(), form != null ? form : query);
    }

    /** Logs out (POST without a form body). */
    @POST
    @Operation(summary = "Log out (post without body)")
    @APIResponse(responseCode = "302", description = "To the IdP's end_session_endpoint, or to the site")
    public Uni<Response> logoutPost(@Context HttpHeaders headers, @Context UriInfo uri,
            @QueryParam("redirect_uri") String redirectUri) {
        return logout(headers, uri.getBaseUri(), redirectUri);
    }

    private Uni<Response> logout(HttpHeaders headers, URI base, String redirectUri) {
        String origin = origin(base);
        String back = LogoutRedirects.sameOrigin(redirectUri, origin);
        if (back == null) {
            back = origin + "/";
        }
        String landing = back;
        SessionClaims claims = codec.open(cookies.value(headers)).orElse(null);
        UUID sessionId = claims == null ? null : parse(claims.sessionId());
        if (sessionId == null) {
            return Uni.createFrom().item(redirect(landing));
        }
        return revocations.revokeSession(sessionId, claims.userId(), SessionRevocations.LOGOUT)
                .onFailure().transform(e -> {
                    LOG.errorf(e, "logout could not revoke session %s", claims.sessionId());
                    return ProblemException.unavailable("the session could not be ended now; retry");
                })
                .chain(revoked -> endSessionUrl(claims.orgId(), landing))
                .map(this::redirect);
    }

    /** The IdP's end-session URL for the org, or {@code landing} when there is none. Never fails. */
    private Uni<String> endSessionUrl(String orgId, String landing) {
        OrgConfig.IdpConnection idp = index.orgs().byId(orgId).map(OrgConfig::idp).orElse(null);
        if (idp == null || idp.issuer() == null || idp.clientId() == null) {
            return Uni.createFrom().item(landing);
        }
        return metadata.discovery(idp.issuer())
                .map(d -> d.endSessionEndpoint() == null ? landing
                        : d.endSessionEndpoint() + (d.endSessionEndpoint().contains("?") ? "&" : "?")
                                + "client_id=" + encode(idp.clientId())
                                + "&post_logout_redirect_uri=" + encode(landing))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("IdP %s unreachable at logout, skipping its end-session: %s", idp.issuer(), e.getMessage());
                    return landing;
                });
    }

    private Response redirect(String location) {
        return Response.status(Response.Status.FOUND)
                .header(HttpHeaders.LOCATION, location)
                .header(HttpHeaders.SET_COOKIE, cookies.clearing())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    private String origin(URI base) {
        String configured = config.publicUrl().map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        if (configured != null) {
            return LogoutRedirects.origin(URI.create(configured));
        }
        return LogoutRedirects.origin(base);
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
