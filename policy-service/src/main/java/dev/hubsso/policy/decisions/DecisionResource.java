package dev.hubsso.policy.decisions;

import dev.hubsso.kit.problem.Problem;
import dev.hubsso.policy.config.PolicyConfig;
import dev.hubsso.policy.projection.PositionCodec;
import dev.hubsso.policy.projection.ProjectionFollower;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Policy decisions for internal hub services: may this account do this action on this
 * resource, under the rules of the organization that manages it.
 *
 * <p>Decisions come from an in-memory projection of the account and organization topics; no
 * database or network call is made to answer. Every answer carries the {@code position} of the
 * projection it reflects; a caller that needs an answer at least that recent (read-your-writes
 * after a deactivation, or consistency across replicas) sends it back as {@code minPosition}.
 *
 * <p>An account this service does not know is not managed by any organization of the SSO suite:
 * it is allowed with reason {@code UNKNOWN_SUBJECT}, and the hub's own permissions still apply.
 */
@Path("/v1")
@Tag(name = "decisions", description = "Managed-account policy decisions")
public class DecisionResource {

    private static final String PATH = "/v1/decisions";
    private static final String BATCH_PATH = "/v1/decisions:batch";

    @Inject
    ProjectionFollower follower;

    @Inject
    DecisionService service;

    @Inject
    PolicyConfig config;

    private QuestionParser parser;

    @PostConstruct
    void init() {
        parser = new QuestionParser(follower::parse);
    }

    /**
     * Decides whether a subject may do an action on a resource.
     *
     * <p>The subject is given as {@code {"username": ...}} (case-insensitive) or
     * {@code {"userId": ...}}. Actions: {@code repo.create}, {@code repo.update_visibility}
     * (visibility is the one asked for), {@code repo.read}, {@code repo.write},
     * {@code repo.contribute}, {@code repo.fork} (namespace is the fork target),
     * {@code org.join}, {@code org.invite_accept} (namespace is the organization),
     * {@code token.create} (no resource).
     *
     * <p>With {@code minPosition}, the answer waits until the projection reflects at least that
     * position, up to {@code hub.policy.min-position-wait} (default 2 s); then it is 503 with the
     * position reached.
     *
     * @param request the question
     * @return the decision with the position it reflects
     */
    @POST
    @Path("decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide whether a subject may do an action on a resource", description = """
            The subject is {"username": ...} (case-insensitive) or {"userId": ...}. Actions: repo.create, \
            repo.update_visibility (visibility is the one asked for), repo.read, repo.write (push, commit), \
            repo.contribute (pull request, discussion, comment), repo.fork (namespace is the fork target), \
            org.join and org.invite_accept (namespace is the organization), token.create (no resource).

            Managed accounts cannot put content in a personal namespace, cannot join other organizations, \
            cannot contribute outside their organization (public reads stay allowed), and create public \
            content only if their organization allows it. Deactivated and deleted accounts are denied \
            everything, and so is a managed account its IdP has just deactivated over SCIM (ACCOUNT_DEACTIVATED, \
            rule idp-deactivated), before provisioning's own event arrives. An account unknown to this service is allowed with reason UNKNOWN_SUBJECT: no \
            organization manages it, and the hub's own permissions still apply.

            Every answer carries the position of the projection it reflects. Send it back as minPosition \
            (to this or any replica) to get an answer at least as recent: the call waits up to \
            hub.policy.min-position-wait (default 2 s) for the projection, then answers 503 with the \
            position reached. Format: <topic>=<partition>:<nextOffset>,...;<topic>=... for \
            hub.user-lifecycle.v1, hub.user-state.v1, hub.org-config.v1; a subset may be given.
            """)
    @APIResponse(responseCode = "200", description = "The decision (allowed or denied) and the position it reflects",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DecisionResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown action, missing or invalid field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The projection is not ready, or did not reach minPosition in time",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = PositionProblem.class)))
    public Uni<Response> decide(DecisionRequest request) {
        Question q = parser.parse(request);
        return whenReached(q.minPosition(), PATH, () -> ok(service.decideNow(q)));
    }

    /**
     * Decides up to 1,000 questions in one call, in order, all on one state of the projection.
     *
     * <p>Each question is shaped like the body of {@code POST /v1/decisions} without
     * {@code minPosition}; one {@code minPosition} may be given for the whole batch. The answer
     * lists one decision per question, in the same order, and the one position they all reflect.
     *
     * @param request the questions
     * @return the decisions with the position they reflect
     */
    @POST
    @Path("decisions:batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide up to 1,000 questions in one call, answers in order", description = """
            Body: {"questions": [<question>, ...], "minPosition"?}. Each question is shaped like the body of \
            POST /v1/decisions, without minPosition (give it once, for the whole batch). Answers come in the \
            order of the questions, each {allow, reason, rule, message}, with one position that all of them \
            reflect: every answer of a batch is taken on the same state of the projection.

            More than hub.policy.batch-max-questions (default 1,000) questions: 413 problem JSON. An invalid \
            question: 400 problem JSON whose errors name it by index, e.g. $.questions[17].action; nothing of \
            the batch is answered then.
            """)
    @APIResponse(responseCode = "200", description = "One decision per question, in order, and the position they reflect",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchDecisionResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, no questions, or an invalid question (named by its index)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "More questions than hub.policy.batch-max-questions (default 1,000)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The projection is not ready, or did not reach minPosition in time",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = PositionProblem.class)))
    public Uni<Response> decideBatch(BatchDecisionRequest request) {
        QuestionParser.Batch batch = parser.parseBatch(request, config.batchMaxQuestions());
        return whenReached(batch.minPosition(), BATCH_PATH,
                () -> Response.ok(service.decideNow(batch.questions()), MediaType.APPLICATION_JSON_TYPE).build());
    }

    /**
     * The same as {@link #decideBatch}, for clients that percent-encode the {@code :} of the path
     * (RFC 3986 makes both spellings equivalent; the router matches the raw path).
     *
     * @param request the questions
     * @return the decisions with the position they reflect
     */
    @POST
    @Path("decisions%3Abatch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<Response> decideBatchEncoded(BatchDecisionRequest request) {
        return decideBatch(request);
    }

    /** Answers with {@code answer} once the projection is ready and has reached {@code minPosition}, else 503. */
    private Uni<Response> whenReached(Map<TopicPartition, Long> minPosition, String path, Supplier<Response> answer) {
        if (!follower.isReady()) {
            return Uni.createFrom().item(unavailable(path, PositionProblem.NOT_READY, "Projection not ready",
                    "this replica is still reading the account and organization snapshots; retry shortly"));
        }
        if (minPosition == null || PositionCodec.reached(follower.positions(), minPosition)) {
            return Uni.createFrom().item(answer.get());
        }
        Context context = Vertx.currentContext();
        Executor resume = context == null ? Runnable::run : task -> context.runOnContext(v -> task.run());
        return Uni.createFrom().completionStage(follower.awaitPosition(minPosition, config.minPositionWait()))
                .emitOn(resume)
                .map(reached -> reached
                        ? answer.get()
                        : unavailable(path, PositionProblem.POSITION_NOT_REACHED, "Position not reached",
                                "the projection did not reach minPosition within " + config.minPositionWait().toMillis()
                                        + " ms; retry, or ask another replica"));
    }

    private static Response ok(DecisionResponse r) {
        return Response.ok(r, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private Response unavailable(String path, String type, String title, String detail) {
        String position = follower.encode(follower.positions());
        return Response.status(503)
                .type(Problem.MEDIA_TYPE)
                .header("Retry-After", "1")
                .entity(new PositionProblem(type, title, 503, detail, path, position))
                .build();
    }
}
