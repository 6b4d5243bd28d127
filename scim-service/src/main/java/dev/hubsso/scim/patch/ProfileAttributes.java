package dev.hubsso.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubsso.scim.patch.PatchOperation.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PATCH, create and replace of the attributes kept in {@link dev.hubsso.scim.users.model.Profile}
 * (RFC 7644 §3.5.2), on a draft JSON object under canonical names. Single-valued strings:
 * {@code nickName}, {@code profileUrl}, {@code title}, {@code userType},
 * {@code preferredLanguage}, {@code locale}, {@code timezone}. Multi-valued complex:
 * {@code phoneNumbers} ({@code value}, {@code display}, {@code type}, {@code primary}) and
 * {@code addresses} ({@code formatted}, {@code streetAddress}, {@code locality},
 * {@code region}, {@code postalCode}, {@code country}, {@code type}, {@code primary}).
 *
 * <p>The multi-valued ones follow the rules of {@code emails} ({@link MultiValued}).
 */
final class ProfileAttributes {

    /** Lower-case name → canonical name of the single-valued strings. */
    private static final Map<String, String> SIMPLE = Map.of("nickname", "nickName", "profileurl", "profileUrl", "title",
            "title", "usertype", "userType", "preferredlanguage", "preferredLanguage", "locale", "locale", "timezone",
            "timezone");

    private static final Map<String, MultiValued.Spec> MULTI = Map.of(
            "phonenumbers", new MultiValued.Spec("phoneNumbers", Map.of("value", "value", "display", "display", "type",
                    "type", "primary", "primary"), List.of("value"), false),
            "addresses", new MultiValued.Spec("addresses", Map.of("formatted", "formatted", "streetaddress",
                    "streetAddress", "locality", "locality", "region", "region", "postalcode", "postalCode", "country",
                    "country", "type", "type", "primary", "primary"),
                    List.of("formatted", "streetAddress", "locality", "region", "postalCode", "country"), false));

    private ProfileAttributes() {
    }

    /** Whether a (lower-case) core attribute name is one of these. */
    static boolean handles(String attribute) {
        return SIMPLE.containsKey(attribute) || MULTI.containsKey(attribute);
    }

    /** Applies one operation on one of these attributes to the draft object. */
    static void apply(ObjectNode profile, Op op, AttributePath p, JsonNode value) {
        String simple = SIMPLE.get(p.attribute());
        if (simple != null) {
            AttributeDispatch.simple(p);
            String v = op == Op.REMOVE ? null : UserPatcher.string(value, simple);
            if (v == null) {
                profile.remove(simple);
            } else {
                profile.put(simple, v);
            }
            return;
        }
        MultiValued.Spec m = MULTI.get(p.attribute());
        List<ObjectNode> elements = new ArrayList<>();
        JsonNode stored = profile.get(m.name());
        if (stored != null) {
            stored.forEach(n -> elements.add((ObjectNode) n.deepCopy()));
        }
        MultiValued.apply(m, elements, op, p, value);
        if (elements.isEmpty()) {
            profile.remove(m.name());
        } else {
            ArrayNode array = profile.putArray(m.name());
            elements.forEach(array::add);
        }
    }
}
