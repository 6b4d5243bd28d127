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

    /** A batch reports at most this many invalid fields (the first ones), not one per bad question of a thousand. */
    static final int MAX_REPORTED_ERRORS = 50;

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
        Question q = parse("$", request, true, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors.size() + " invalid field(s)", errors);
        }
        return q;
    }

    /**
     * A validated batch: its questions in order and the position to wait for.
     *
     * @param questions the questions, in order
     * @param minPosition the position to wait for, or null
     */
    record Batch(List<Question> questions, Map<TopicPartition, Long> minPosition) {
    }

    /**
     * Validates a batch of at most {@code max} questions.
     *
     * @throws ProblemException 413 when there are more than {@code max} questions; 400 with the
     *         invalid fields of every bad question (paths like {@code $.questions[17].action})
     */
    Batch parseBatch(BatchDecisionRequest request, int max) {
        if (request == null) {
            throw ProblemException.badRequest("a JSON request body is required: {\"questions\":[...]}");
        }
        List<DecisionRequest> items = request.questions();
        if (items != null && items.size() > max) {
            throw new ProblemException(413, "urn:hub:problem:batch-too-large", "Too many questions",
                    items.size() + " questions in one batch; at most " + max + " are answered in one call, split the batch",
                    List.of(new FieldError("$.questions", "at most " + max + " questions, got " + items.size())));
        }
        List<FieldError> errors = new ArrayList<>(0);
        if (items == null || items.isEmpty()) {
            errors.add(new FieldError("$.questions", "required: 1 to " + max + " questions"));
        }
        Map<TopicPartition, Long> minPosition = minPosition("$", request.minPosition(), errors);
        List<Question> questions = new ArrayList<>(items == null ? 0 : items.size());
        if (items != null) {
            for (int i = 0; i < items.size() && errors.size() < MAX_REPORTED_ERRORS; i++) {
                String p = "$.questions[" + i + "]";
                DecisionRequest item = items.get(i);
                if (item == null) {
                    errors.add(new FieldError(p, "required: a question object"));
                    continue;
                }
                if (item.minPosition() != null) {
                    errors.add(new FieldError(p + ".minPosition", "give minPosition once, for the whole batch, at $.minPosition"));
                }
                questions.add(parse(p, item, false, errors));
            }
        }
        if (!errors.isEmpty()) {
            String first = errors.get(0).field();
            throw ProblemException.invalid(errors.size() + " invalid field(s), first at " + first, errors);
        }
        return new Batch(questions, minPosition);
    }

    /** Parses one question, adding its invalid fields under path {@code p} to {@code errors}. */
    private Question parse(String p, DecisionRequest request, boolean withMinPosition, List<FieldError> errors) {
        int errorsBefore = errors.size();
        String userId = null;
        String username = null;
        if (request.subject() == null) {
            errors.add(new FieldError(p + ".subject", "required: {\"username\": ...} or {\"userId\": ...}"));
        } else {
            userId = blankToNull(request.subject().userId());
            username = blankToNull(request.subject().username());
            if ((userId == null) == (username == null)) {
                errors.add(new FieldError(p + ".subject", "give exactly one of username or userId"));
            }
        }
        Action action = Action.fromWireName(request.action());
        if (action == null) {
            errors.add(new FieldError(p + ".action", request.action() == null ? "required, one of " + ACTIONS
                    : "unknown action '" + request.action() + "', expected one of " + ACTIONS));
        }
        Resource resource = action == null ? null : resource(p, action, request.resource(), errors);
        Map<TopicPartition, Long> minPosition = withMinPosition ? minPosition(p, request.minPosition(), errors) : null;
        return errors.size() > errorsBefore ? null : new Question(userId, username, action, resource, minPosition);
    }

    private Map<TopicPartition, Long> minPosition(String p, String text, List<FieldError> errors) {
        if (text == null) {
            return null;
        }
        try {
            return positionParser.apply(text);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(p + ".minPosition", e.getMessage()));
            return null;
        }
    }

    private static Resource resource(String p, Action action, ResourceRef ref, List<FieldError> errors) {
        switch (action.target()) {
            case NONE:
                return null;
            case ORGANIZATION: {
                NamespaceRef ns = ref == null ? null : ref.namespace();
                if (ns == null) {
                    errors.add(new FieldError(p + ".resource.namespace", "required for " + action.wireName()
                            + ": {\"kind\":\"org\",\"name\":...}"));
                    return null;
                }
                if (!"org".equals(ns.kind())) {
                    errors.add(new FieldError(p + ".resource.namespace.kind", "must be 'org' for " + action.wireName()));
                }
                String name = blankToNull(ns.name());
                if (name == null) {
                    errors.add(new FieldError(p + ".resource.namespace.name", "required"));
                }
                return name == null ? null : Resource.organization(name);
            }
            default: {
                if (ref == null) {
                    errors.add(new FieldError(p + ".resource", "required for " + action.wireName()
                            + ": {\"type\",\"namespace\":{\"kind\",\"name\"},\"visibility\"}"));
                    return null;
                }
                Resource.Type type = Resource.Type.fromWireName(ref.type());
                if (type == null) {
                    errors.add(new FieldError(p + ".resource.type", describe(ref.type(), "model, dataset or space")));
                }
                Resource.Visibility visibility = Resource.Visibility.fromWireName(ref.visibility());
                if (visibility == null) {
                    errors.add(new FieldError(p + ".resource.visibility", describe(ref.visibility(), "public or private")));
                }
                Namespace namespace = null;
                if (ref.namespace() == null) {
                    errors.add(new FieldError(p + ".resource.namespace", "required: {\"kind\":\"user|org\",\"name\":...}"));
                } else {
                    Namespace.Kind kind = Namespace.Kind.fromWireName(ref.namespace().kind());
                    if (kind == null) {
                        errors.add(new FieldError(p + ".resource.namespace.kind", describe(ref.namespace().kind(), "user or org")));
                    }
                    String name = blankToNull(ref.namespace().name());
                    if (name == null) {
                        errors.add(new FieldError(p + ".resource.namespace.name", "required"));
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
