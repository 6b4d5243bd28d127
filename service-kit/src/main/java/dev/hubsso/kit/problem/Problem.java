package dev.hubsso.kit.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * An RFC 7807 problem details body ({@code application/problem+json}).
 *
 * @param type a URI naming the problem type ({@code about:blank} when the status says it all)
 * @param title short summary of the problem type
 * @param status the HTTP status
 * @param detail what went wrong with this request, for a human
 * @param instance the request path
 * @param errors per-field errors, for validation problems
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    /** Media type of problem bodies. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One invalid field.
     *
     * @param field the field, as a JSON path
     * @param message why it is invalid
     */
    @RegisterForReflection
    public record FieldError(String field, String message) {
    }
}
