package dev.hubsso.provisioning;

import io.vertx.pgclient.PgException;
import java.util.Optional;

/**
 * Recognizes a PostgreSQL unique violation (SQLSTATE 23505) in a failure chain: the database
 * has the last word when two requests race past the same existence check.
 */
public final class UniqueViolation {

    private UniqueViolation() {
    }

    /** The violated constraint's name, if the failure is a unique violation. */
    public static Optional<String> constraintOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return Optional.of(pg.getConstraint() == null ? "" : pg.getConstraint());
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException c
                    && c.getKind() == org.hibernate.exception.ConstraintViolationException.ConstraintKind.UNIQUE) {
                return Optional.of(c.getConstraintName() == null ? "" : c.getConstraintName());
            }
        }
        return Optional.empty();
    }
}
