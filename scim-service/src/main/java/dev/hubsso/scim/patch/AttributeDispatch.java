package dev.hubsso.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.patch.PatchOperation.Op;
import java.util.List;

/**
 * How the User and Group patchers route a value to their attributes: PATCH operations in order,
 * a path-less value (or a create / replace body) attribute by attribute, and the checks that only
 * depend on how strictly names are read ({@link Mode}). The attributes themselves are each
 * patcher's.
 */
final class AttributeDispatch {

    /** How strictly attribute names are checked. */
    enum Mode {
        /** A create or replace body: unknown and read-only attributes are ignored (RFC 7643 §2.2). */
        CREATE,
        /** A path-less PATCH value: read-only attributes ignored, unknown ones rejected. */
        PATCH_VALUE,
        /** An explicit PATCH path: read-only and unknown targets rejected. */
        PATCH_PATH
    }

    /** A patcher's working copy, receiving one attribute at a time. */
    @FunctionalInterface
    interface Target {
        void apply(Op op, AttributePath path, JsonNode value, Mode mode);
    }

    private AttributeDispatch() {
    }

    /** Applies operations in order: a path-less one attribute by attribute, one with a path to that path. */
    static void applyAll(List<PatchOperation> operations, Target target) {
        for (PatchOperation operation : operations) {
            if (operation.path() == null) {
                pathless(target, operation.op(), operation.value(), Mode.PATCH_VALUE);
            } else {
                target.apply(operation.op(), operation.path(), operation.value(), Mode.PATCH_PATH);
            }
        }
    }

    /** Applies each attribute of a path-less value (or a body) with {@code op}. */
    static void pathless(Target target, Op op, JsonNode value, Mode mode) {
        AttributePath.forEachAttribute(value, mode == Mode.CREATE, (path, v) -> target.apply(op, path, v, mode));
    }

    /** 400 {@code invalidPath} for a path into a single-valued attribute without sub-attributes. */
    static void simple(AttributePath p) {
        if (p.hasFilter() || p.subAttribute() != null) {
            throw ScimException.invalidPath(p.attribute() + " has no sub-attributes: " + p.text());
        }
    }

    /** 400 {@code mutability} for a read-only attribute named by a path; in a value or a body it is ignored (RFC 7643 §7). */
    static void readOnly(AttributePath p, Mode mode) {
        if (mode == Mode.PATCH_PATH) {
            throw ScimException.mutability(p.text() + " is read-only");
        }
    }

    /** 400 {@code invalidPath} for an unknown attribute in a PATCH; in a create or replace body it is ignored. */
    static void unknown(AttributePath p, Mode mode) {
        if (mode != Mode.CREATE) {
            throw ScimException.invalidPath("unknown attribute: " + p.text());
        }
    }
}
