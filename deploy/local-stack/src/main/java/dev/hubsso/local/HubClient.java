package dev.hubsso.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubsso.testsupport.Browser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A client of the suite's public and admin APIs, as an IdP, an admin, a hub service would call them. */
public final class HubClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCIM = "application/scim+json";

    /** The gateway's session cookie. */
    public static final String SESSION_COOKIE = "hub_session";

    private final Endpoints endpoints;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    public HubClient(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** A response: status and parsed JSON body (null when empty or not JSON). */
    public record Reply(int status, JsonNode body, String raw) {
        public Reply expect(int expected, String what) {
            if (status != expected) {
                throw new IllegalStateException(what + ": expected HTTP " + expected + ", got " + status + " " + raw);
            }
            return this;
        }
    }

    // ------------------------------------------------------------------ provisioning (admin)

    public Reply getOrg(String name) {
        return send(admin(endpoints.provisioningUrl() + "/admin/orgs/" + name).GET());
    }

    public Reply createOrg(String name, String shortCode, boolean publicContentAllowed, String emailDomain) {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("shortCode", shortCode).put("ssoMode", "managed")
                .put("publicContentAllowed", publicContentAllowed);
        body.putArray("allowedEmailDomains").add(emailDomain);
        return send(admin(endpoints.provisioningUrl() + "/admin/orgs").POST(json(body)).header("Content-Type", "application/json"));
    }

    /** Connects an org to its OpenID Provider ({@code PATCH /admin/orgs/{org}}). */
    public Reply configureIdp(String org, String issuer, String clientId, String clientSecretRef) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode idp = body.putObject("idp").put("issuer", issuer).put("clientId", clientId)
                .put("clientSecretRef", clientSecretRef);
        idp.putArray("scopes").add("openid").add("email").add("profile");
        return send(admin(endpoints.provisioningUrl() + "/admin/orgs/" + org)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString()))
                .header("Content-Type", "application/json"));
    }

    /** A managed account as provisioning sees it ({@code GET /admin/orgs/{org}/users/{username}}). */
    public Reply getAccount(String org, String username) {
        return send(admin(endpoints.provisioningUrl() + "/admin/orgs/" + org + "/users/" + username).GET());
    }

    public Reply issueScimToken(String org) {
        return send(admin(endpoints.provisioningUrl() + "/admin/orgs/" + org + "/scim-tokens")
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    // ------------------------------------------------------------------ SCIM (as the IdP)

    public Reply scimCreateUser(String userName, String email, String externalId) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
        body.put("userName", userName).put("externalId", externalId).put("active", true);
        body.putObject("name").put("givenName", "Bench").put("familyName", userName);
        body.putArray("emails").addObject().put("value", email).put("type", "work").put("primary", true);
        return send(scim(endpoints.scimBaseUrl() + "/Users").POST(json(body)));
    }

    /** Deactivates the way Entra ID does: capitalised op, string boolean. */
    public Reply scimDeactivateEntra(String scimUserId) {
        return scimSetActiveEntra(scimUserId, false);
    }

    /** Sets {@code active} the way Entra ID does: capitalised op, string boolean. */
    public Reply scimSetActiveEntra(String scimUserId, boolean active) {
        String body = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\""
                + (active ? "True" : "False") + "\"}]}";
        return send(scim(endpoints.scimBaseUrl() + "/Users/" + scimUserId)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply scimFindUser(String userName) {
        String filter = URLEncoder.encode("userName eq \"" + userName + "\"", StandardCharsets.UTF_8);
        return send(scim(endpoints.scimBaseUrl() + "/Users?filter=" + filter).GET());
    }

    // ------------------------------------------------------------------ gateway

    /**
     * Logs in to the hub as a person does, through the gateway at the org's IdP (the local stack's
     * OpenID Provider, which signs in any {@code subject}): {@code GET /login/<org>} → the IdP's
     * authorize page → its login form submitted with {@code username} = {@code subject} and the ID
     * token claims {@code claimsJson} (a JSON object) → the callback → the gateway's own hops (code
     * flow, JIT at provisioning, session) → the page asked for. For the login to reach a SCIM
     * account, that account's {@code externalId} must be {@code subject} (JIT links by it).
     *
     * @return the value of the {@value #SESSION_COOKIE} cookie the gateway set
     * @throws IllegalStateException if any hop does not behave as a successful login does
     */
    public String login(String subject, String claimsJson) {
        Browser browser = new Browser(URI.create(endpoints.gatewayUrl()));
        String target = "/models";
        HttpResponse<String> start = browser.get("/login/" + endpoints.org() + "?redirect_uri=" + target);
        check(start.statusCode() == 302, "login starts with a redirect to the IdP", start);
        String authorize = Browser.location(start);
        check(authorize.startsWith(endpoints.oidcIssuer() + "/authorize"), "login goes to " + endpoints.oidcIssuer(), start);
        HttpResponse<String> form = browser.get(authorize);
        check(form.statusCode() == 200, "the IdP shows its login form", form);
        HttpResponse<String> back = browser.postForm(authorize, Map.of("username", subject, "claims", claimsJson));
        check(back.statusCode() == 302, "the IdP sends the browser back", back);
        HttpResponse<String> hop = browser.get(Browser.location(back));
        // the callback lands on the gateway, which completes the code flow and, possibly after one
        // more hop to /login/{org}, sets the session and sends the browser where it was going
        for (int i = 0; i < 3 && hop.statusCode() == 302 && isGatewayLogin(Browser.location(hop)); i++) {
            hop = browser.get(Browser.location(hop));
        }
        check(hop.statusCode() == 302, "login completes with a redirect", hop);
        check(target.equals(URI.create(endpoints.gatewayUrl()).resolve(Browser.location(hop)).getPath()),
                "login ends at " + target, hop);
        String cookie = browser.cookies().get(SESSION_COOKIE);
        check(cookie != null, "the gateway sets the session cookie", hop);
        return cookie;
    }

    /** ID token claims for the local OpenID Provider's login form: a verified email (and an IdP session id). */
    public static String loginClaims(String email, String sid) {
        ObjectNode claims = JSON.createObjectNode().put("email", email).put("email_verified", true);
        if (sid != null) {
            claims.put("sid", sid);
        }
        return claims.toString();
    }

    /**
     * Creates an API token for the logged-in user ({@code POST /api/tokens} with the session
     * cookie), as a hub client does: the token is bound to the session's SSO authorization, which
     * is the only kind of token a managed account's {@code /auth/verify} accepts. 201 with
     * {@code token} (shown once); 401 without a good session.
     *
     * @param sessionCookie the value of the {@value #SESSION_COOKIE} cookie ({@link #login})
     * @param scope {@code read} or {@code write}
     */
    public Reply createApiToken(String sessionCookie, String scope) {
        ObjectNode body = JSON.createObjectNode().put("scope", scope);
        return send(HttpRequest.newBuilder(URI.create(endpoints.gatewayUrl() + "/api/tokens")).timeout(Duration.ofSeconds(10))
                .header("Cookie", SESSION_COOKIE + "=" + sessionCookie).header("Content-Type", "application/json")
                .POST(json(body)));
    }

    /** Forward-auth check of an API token; returns the HTTP status. */
    public int verify(String apiToken) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(endpoints.gatewayUrl() + "/auth/verify"))
                .header("Authorization", "Bearer " + apiToken).timeout(Duration.ofSeconds(5)).GET().build();
        return sendStatus(req);
    }

    // ------------------------------------------------------------------ policy

    /** Asks whether a user may create a private model in the org; returns the decision body. */
    public Reply decideRepoCreate(String username, String org) {
        return send(HttpRequest.newBuilder(URI.create(endpoints.policyUrl() + "/v1/decisions"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(repoCreateQuestion(username, org))));
    }

    /** The decision request body for {@link #decideRepoCreate}. */
    public static String repoCreateQuestion(String username, String org) {
        return "{\"subject\":{\"username\":\"" + username + "\"},\"action\":\"repo.create\",\"resource\":{\"type\":\"model\","
                + "\"namespace\":{\"kind\":\"org\",\"name\":\"" + org + "\"},\"visibility\":\"private\"}}";
    }

    private boolean isGatewayLogin(String location) {
        URI gateway = URI.create(endpoints.gatewayUrl());
        URI to = gateway.resolve(location);
        return to.getPort() == gateway.getPort() && to.getPath().startsWith("/login/");
    }

    private static void check(boolean condition, String what, HttpResponse<String> response) {
        if (!condition) {
            String location = response.headers().firstValue("Location").orElse("-");
            String body = response.body() == null ? "" : response.body();
            throw new IllegalStateException("login: expected that " + what + "; got HTTP " + response.statusCode()
                    + " Location " + location + " " + body.substring(0, Math.min(300, body.length())));
        }
    }

    HttpClient http() {
        return http;
    }

    private HttpRequest.Builder admin(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + endpoints.adminApiKey());
    }

    private HttpRequest.Builder scim(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + endpoints.scimToken())
                .header("Content-Type", SCIM).header("Accept", SCIM);
    }

    private static HttpRequest.BodyPublisher json(JsonNode node) {
        return HttpRequest.BodyPublishers.ofString(node.toString());
    }

    private Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            if (r.body() != null && !r.body().isBlank()) {
                try {
                    body = JSON.readTree(r.body());
                } catch (IOException notJson) {
                    body = null;
                }
            }
            return new Reply(r.statusCode(), body, r.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int sendStatus(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
