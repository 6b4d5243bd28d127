package dev.hubsso.policy.decisions;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 7807 problem that also says which position the projection has reached.
 *
 * @param type problem type URI
 * @param title summary of the problem type
 * @param status HTTP status
 * @param detail what went wrong
 * @param instance request path
 * @param position the position this replica's projection has reached
 */
@Schema(description = "RFC 7807 problem with the projection position reached")
public record PositionProblem(String type, String title, int status, String detail, String instance, String position) {

    /** The replica has not read the snapshot topics to their end yet. */
    public static final String NOT_READY = "urn:hub:problem:projection-not-ready";
    /** The projection did not reach the asked minPosition in time. */
    public static final String POSITION_NOT_REACHED = "urn:hub:problem:position-not-reached";
}
