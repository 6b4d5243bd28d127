package dev.hubsso.scim.filter;

import dev.hubsso.scim.filter.Filter.Literal;
import dev.hubsso.scim.filter.Filter.Op;
import dev.hubsso.scim.schema.AttributeDef;
import dev.hubsso.scim.schema.ResourceSchema.Resolved;

/**
 * A filter checked against a resource's schema ({@link FilterBinder}): every path resolved,
 * every comparison legal for its attribute's type. The SQL translator and the evaluator both walk
 * this tree, so they can only disagree on semantics, never on what a filter means.
 */
public sealed interface BoundFilter permits BoundFilter.And, BoundFilter.Or, BoundFilter.Not, BoundFilter.Compare,
        BoundFilter.Present, BoundFilter.AnyElement {

    record And(BoundFilter left, BoundFilter right) implements BoundFilter {
    }

    record Or(BoundFilter left, BoundFilter right) implements BoundFilter {
    }

    record Not(BoundFilter inner) implements BoundFilter {
    }

    /**
     * Some value of {@code target} compares true with {@code value}. Inside {@link AnyElement},
     * {@code target.sub()} is read from the element at hand.
     *
     * @param target the attribute; for a multi-valued complex attribute, {@code sub} is set
     * @param op the operator (never a null comparison: those become presence tests)
     * @param value the literal, coerced to the attribute's type (a {@code Str} for dateTimes)
     */
    record Compare(Resolved target, Op op, Literal value) implements BoundFilter {

        public AttributeDef leaf() {
            return target.leaf();
        }
    }

    /** {@code target} has a value (RFC 7644: non-empty, or a complex value with a non-empty part). */
    record Present(Resolved target) implements BoundFilter {
    }

    /** Some element of the multi-valued complex {@code attribute} satisfies {@code filter}. */
    record AnyElement(Resolved attribute, BoundFilter filter) implements BoundFilter {
    }
}
