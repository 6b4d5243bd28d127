package dev.hubsso.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the running suite answers, as written to {@code deploy/local/.state/endpoints.env}.
 *
 * @param scimBaseUrl the demo org's SCIM base (ends before {@code /Users})
 * @param scimToken the demo org's SCIM bearer token
 * @param provisioningUrl provisioning-service base URL
 * @param gatewayUrl auth-gateway base URL
 * @param policyUrl policy-service base URL
 * @param kafkaBootstrapServers the broker
 * @param adminApiKey bearer key of the admin APIs
 * @param org the demo org's name
 * @param databaseUrl JDBC URL of the suite's database
 * @param oidcIssuer issuer URL of the demo org's OpenID Provider
 * @param demoUser a member of the demo org who can log in at that provider
 * @param demoPassword what to type as the password (the local provider does not check it)
 * @param adminToken an OIDC access token with the hub-admin role for the admin APIs (short-lived;
 *        {@code deploy/local/admin-token} fetches a fresh one)
 */
public record Endpoints(String scimBaseUrl, String scimToken, String provisioningUrl, String gatewayUrl, String policyUrl,
        String kafkaBootstrapServers, String adminApiKey, String org, String databaseUrl, String oidcIssuer,
        String demoUser, String demoPassword, String adminToken) {

    /** The endpoints without the login part. */
    public Endpoints(String scimBaseUrl, String scimToken, String provisioningUrl, String gatewayUrl, String policyUrl,
            String kafkaBootstrapServers, String adminApiKey, String org, String databaseUrl) {
        this(scimBaseUrl, scimToken, provisioningUrl, gatewayUrl, policyUrl, kafkaBootstrapServers, adminApiKey, org,
                databaseUrl, null, null, null, null);
    }

    /** The shell variables of endpoints.env, in order. */
    public Map<String, String> asEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SCIM_BASE_URL", scimBaseUrl);
        env.put("SCIM_TOKEN", scimToken);
        env.put("PROVISIONING_URL", provisioningUrl);
        env.put("GATEWAY_URL", gatewayUrl);
        env.put("POLICY_URL", policyUrl);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        env.put("ADMIN_API_KEY", adminApiKey);
        env.put("DEMO_ORG", org);
        env.put("DATABASE_URL", databaseUrl);
        if (oidcIssuer != null) {
            env.put("OIDC_ISSUER", oidcIssuer);
            env.put("DEMO_USER", demoUser);
            env.put("DEMO_PASSWORD", demoPassword);
        }
        if (adminToken != null) {
            env.put("ADMIN_TOKEN", adminToken);
        }
        return env;
    }

    /** Writes the variables as a file that a shell can {@code source}. */
    public void write(Path file) {
        String body = asEnv().entrySet().stream()
                .map(e -> e.getKey() + "='" + e.getValue().replace("'", "'\\''") + "'")
                .collect(Collectors.joining("\n", "# written by deploy/local/up; source it: . " + file + "\n", "\n"));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a file written by {@link #write}. */
    public static Endpoints read(Path file) {
        Map<String, String> v = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (line.startsWith("#") || eq < 0) {
                    continue;
                }
                String value = line.substring(eq + 1);
                if (value.startsWith("'") && value.endsWith("'") && value.length() >= 2) {
                    value = value.substring(1, value.length() - 1).replace("'\\''", "'");
                }
                v.put(line.substring(0, eq), value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": is the stack up (deploy/local/up)?", e);
        }
        return new Endpoints(v.get("SCIM_BASE_URL"), v.get("SCIM_TOKEN"), v.get("PROVISIONING_URL"), v.get("GATEWAY_URL"),
                v.get("POLICY_URL"), v.get("KAFKA_BOOTSTRAP_SERVERS"), v.get("ADMIN_API_KEY"), v.get("DEMO_ORG"),
                v.get("DATABASE_URL"), v.get("OIDC_ISSUER"), v.get("DEMO_USER"), v.get("DEMO_PASSWORD"),
                v.get("ADMIN_TOKEN"));
    }
}
