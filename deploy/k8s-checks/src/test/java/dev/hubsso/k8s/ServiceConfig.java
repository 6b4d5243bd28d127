package dev.hubsso.k8s;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** A service's src/main/resources/application.properties, as written (profiles included). */
final class ServiceConfig {

    private ServiceConfig() {
    }

    static Map<String, String> properties(String service) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(Repo.read(Repo.root().resolve(service).resolve("src/main/resources/application.properties"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new TreeMap<>();
        p.forEach((k, v) -> out.put((String) k, (String) v));
        return out;
    }

    /** Keys without a profile prefix. */
    static Map<String, String> unprofiled(String service) {
        Map<String, String> out = new LinkedHashMap<>();
        properties(service).forEach((k, v) -> {
            if (!k.startsWith("%")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** A property name as the environment variable that sets it (MicroProfile Config rule). */
    static String env(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }
}
