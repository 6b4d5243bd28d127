package dev.hubsso.gateway.tokens;

import java.util.Locale;
import java.util.Optional;

/** What an API token lets its holder do on the hub. */
public enum Scope {
    READ, WRITE;

    /** The lowercase wire form ({@code read}, {@code write}), also sent as {@code X-Hub-Scope}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire form; empty for anything else. */
    public static Optional<Scope> parse(String value) {
        if ("read".equals(value)) {
            return Optional.of(READ);
        }
        if ("write".equals(value)) {
            return Optional.of(WRITE);
        }
        return Optional.empty();
    }
}
