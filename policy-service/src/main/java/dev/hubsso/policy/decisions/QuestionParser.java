package dev.hubsso.policy.decisions;

import dev.hubsso.kit.problem.Problem.FieldError;
import dev.hubsso.kit.problem.ProblemException;
import dev.hubsso.policy.decisions.DecisionRequest.NamespaceRef;
import dev.hubsso.policy.decisions.DecisionRequest.ResourceRef;
import dev.hubsso.policy.rules.Action;
import dev.hubsso.policy.rules.Resource;
import dev.hubsso.policy.rules.Resource.Namespace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns a request body into a {@link Question}, reporting every invalid field at once as a
 * 400 problem (paths like {@code $.resource.namespace.kind}).
 */
final class QuestionParser {

    private static final String ACTIONS = Arrays.stream(Action.values()).map(Action::wireName).toList().toString();

    private final Function<String, Map<TopicPartition, Long>> positionParser;

    /** @param positionParser reads a {@code minPosition}; throws IllegalArgumentException when malformed */
    QuestionParser(Function<String, Map<TopicPartition, Long>> positionParser) {
        this.positionParser = positionParser;
    }

    /** @throws ProblemException 400 with the invalid fields */
    Question parse(DecisionRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("a JSON request body is required");
        }
        List<FieldError> errors = new ArrayList<>(2);
        String userId = null;
        String username = null;
        if (request.subject() == null) {
            errors.add(new FieldError("$.subject", "required: {\"username\": ...} or {\"userId\": ...}"));
        } else {
            userId = blankToNull(request.subject().userId());
            username = blankToNull(request.subject().username());
            if ((userId == null) == (username == null)) {
                errors.add(new FieldError("$.subject", "give exactly one of username or userId"));
            }
        }
        Action action = Action.fromWireName(request.action());
        if (action == null) {
            errors.add(new FieldError("$.action", request.action() == null ? "required, one of " + ACTIONS
                    : "unknown action '" + request.action() + "', expected one of " + ACTIONS));
        }
        Resource resource = action == null ? null : resource(action, request.resource(), errors);
        Map<TopicPartition, Long> minPosition = null;
        if (request.minPosition() != null) {
            try {
                minPosition = positionParser.apply(request.minPosition());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("$.minPosition", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors.size() + " invalid field(s)", errors);
        }
        return new Question(userId, username, action, resource, minPosition);
    }

    private static Resource resource(Action action, ResourceRef ref, List<FieldError> errors) {
        switch (action.target()) {
            case NONE:
                return null;
            case ORGANIZATION: {
                NamespaceRef ns = ref == null ? null : ref.namespace();
                if (ns == null) {
                    errors.add(new FieldError("$.resource.namespace", "required for " + action.wireName()
                            + ": {\"kind\":\"org\",\"name\":...}"));
                    return null;
                }
                if (!"org".equals(ns.kind())) {
                    errors.add(new FieldError("$.resource.namespace.kind", "must be 'org' for " + action.wireName()));
                }
                String name = blankToNull(ns.name());
                if (name == null) {
                    errors.add(new FieldError("$.resource.namespace.name", "required"));
                }
                return name == null ? null : Resource.organization(name);
            }
            default: {
                if (ref == null) {
                    errors.add(new FieldError("$.resource", "required for " + action.wireName()
                            + ": {\"type\",\"namespace\":{\"kind\",\"name\"},\"visibility\"}"));
                    return null;
                }
                Resource.Type type = Resource.Type.fromWireName(ref.type());
                if (type == null) {
                    errors.add(new FieldError("$.resource.type", describe(ref.type(), "model, dataset or space")));
                }
                Resource.Visibility visibility = Resource.Visibility.fromWireName(ref.visibility());
                if (visibility == null) {
                    errors.add(new FieldError("$.resource.visibility", describe(ref.visibility(), "public or private")));
                }
                Namespace namespace = null;
                if (ref.namespace() == null) {
                    errors.add(new FieldError("$.resource.namespace", "required: {\"kind\":\"user|org\",\"name\":...}"));
                } else {
                    Namespace.Kind kind = Namespace.Kind.fromWireName(ref.namespace().kind());
                    if (kind == null) {
                        errors.add(new FieldError("$.resource.namespace.kind", describe(ref.namespace().kind(), "user or org")));
                    }
                    String name = blankToNull(ref.namespace().name());
                    if (name == null) {
                        errors.add(new FieldError("$.resource.namespace.name", "required"));
                    }
                    namespace = kind == null || name == null ? null : new Namespace(kind, name);
                }
                return type == null || visibility == null || namespace == null ? null
                        : Resource.repository(type, namespace, visibility, blankToNull(ref.repo()));
            }
        }
    }

    private static String describe(String value, String expected) {
        return value == null ? "required: " + expected : "'" + value + "' is not one of " + expected;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
