package dev.hubsso.provisioning.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The gateway's JIT call, as a test makes it. */
public final class Jit {

    private Jit() {
    }

    /** Claims of an ID token. */
    public static Map<String, Object> claims(String sub, String preferredUsername, List<String> groups,
            Object... more) {
        Map<String, Object> c = new HashMap<>();
        c.put("sub", sub);
        if (preferredUsername != null) {
            c.put("preferred_username", preferredUsername);
        }
        if (groups != null) {
            c.put("groups", groups);
        }
        for (int i = 0; i < more.length; i += 2) {
            c.put((String) more[i], more[i + 1]);
        }
        return c;
    }

    /** POST /internal/jit. */
    public static ValidatableResponse login(String org, String issuer, String subject, String email,
            boolean emailVerified, Map<String, Object> claims) {
        Map<String, Object> body = new HashMap<>();
        body.put("org", org);
        body.put("issuer", issuer);
        body.put("subject", subject);
        body.put("email", email);
        body.put("email_verified", emailVerified);
        body.put("claims", claims);
        return given().contentType(ContentType.JSON).body(body).post("/internal/jit").then();
    }
}
