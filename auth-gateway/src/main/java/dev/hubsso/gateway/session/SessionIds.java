package dev.hubsso.gateway.session;

import dev.hubsso.kit.problem.Problem;
import dev.hubsso.kit.problem.ProblemException;
import java.util.List;
import java.util.UUID;

/** Ids in session API paths and queries: a UUID, or a 400 problem. */
final class SessionIds {

    private SessionIds() {
    }

    /** The UUID of a session id path parameter; 400 if it is not one. */
    static UUID parse(String id) {
        return uuid(id, "id");
    }

    /** A UUID parameter; 400 naming the parameter if it is not one. */
    static UUID uuid(String value, String parameter) {
        UUID parsed = SessionRegistry.parse(value);
        if (parsed == null) {
            throw ProblemException.invalid(parameter + " must be a UUID",
                    List.of(new Problem.FieldError(parameter, "must be a UUID")));
        }
        return parsed;
    }
}
