package dev.hubsso.provisioning;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Time as PostgreSQL stores it, so that an API response, the row and the event agree. */
public final class Clock {

    private Clock() {
    }

    /** Now, truncated to microseconds (the precision of {@code timestamptz}). */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
