package org.toolsetconfig.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.toolsetconfig.application.port.in.PendingReload;
import org.toolsetconfig.application.port.in.QueryToolsetsUseCase;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.port.in.RecordFailureResult;
import org.toolsetconfig.application.port.in.RecordToolsetOutcomeUseCase;
import org.toolsetconfig.application.port.in.ToolsetView;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.InvalidValueException;
import org.toolsetconfig.domain.ToolsetName;

/**
 * The toolsets and their failure history. A name may contain {@code /}: the {@code <name>} path
 * parameter spans slashes, so {@code /toolsets/kubernetes/core/failures} is the toolset
 * {@code kubernetes/core}; the {@code %2F}-encoded form reaches the same parameter decoded.
 */
final class ToolsetRoutes {

    private final QueryToolsetsUseCase queries;
    private final RecordToolsetOutcomeUseCase outcomes;
    private final RequestBodies bodies;

    ToolsetRoutes(QueryToolsetsUseCase queries, RecordToolsetOutcomeUseCase outcomes, RequestBodies bodies) {
        this.queries = queries;
        this.outcomes = outcomes;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/toolsets", this::list);
        routes.get("/api/v1/toolsets/<name>", this::one);
        routes.post("/api/v1/toolsets/<name>/failures", this::recordFailure);
        routes.post("/api/v1/toolsets/<name>/successes", this::recordSuccess);
        routes.get("/api/v1/failures", this::failures);
    }

    private void list(Context ctx) {
        ConfigSnapshot snapshot = queries.activeSnapshot();
        Optional<PendingReload> pending = queries.pendingReload();
        // The body also shows the pending change, which comes and goes without a new generation.
        String tag = snapshotTag(snapshot) + pending.map(p -> "-p" + p.checksum().hex()).orElse("");
        if (!EntityTags.notModified(ctx, tag)) {
            ctx.json(Wire.SnapshotJson.of(snapshot, pending));
        }
    }

    private void one(Context ctx) {
        ToolsetName name = toolsetName(ctx);
        // Read before the view: a reload in between makes the tag older than the body, never newer.
        ConfigSnapshot snapshot = queries.activeSnapshot();
        ToolsetView view = queries.toolset(name);
        if (view.isUnknown()) {
            throw new ProblemException(ProblemType.TOOLSET_NOT_FOUND, "toolset '" + name + "' is neither in the "
                    + "active configuration nor tracked for failures");
        }
        // The failure record changes without a new generation; its two counters move with every change.
        String tag = snapshotTag(snapshot) + view.failures()
                .map(f -> "-f" + f.consecutiveFailures() + "." + f.totalFailures()).orElse("");
        if (!EntityTags.notModified(ctx, tag)) {
            ctx.json(new Wire.ToolsetViewJson(view.toolset().map(Wire.ToolsetJson::of).orElse(null),
                    view.failures().map(Wire.FailureJson::of).orElse(null)));
        }
    }

    private void recordFailure(Context ctx) {
        ToolsetName name = toolsetName(ctx);
        Optional<JsonNode> body = bodies.optionalJsonObject(ctx);
        Optional<String> errorType = body.flatMap(b -> RequestBodies.optionalString(b, "errorType"));
        Optional<String> errorMessage = body.flatMap(b -> RequestBodies.optionalString(b, "errorMessage"));
        RecordFailureResult result = outcomes.recordFailure(new RecordFailureCommand(name, errorType, errorMessage));
        if (result instanceof RecordFailureResult.Refused refused) {
            throw new ProblemException(ProblemType.TRACKING_CAP_REACHED, refused.reason());
        }
        RecordFailureResult.Recorded recorded = (RecordFailureResult.Recorded) result;
        ctx.json(Wire.FailureRecordedJson.of(recorded.record(), recorded.reload()));
    }

    private void recordSuccess(Context ctx) {
        ctx.json(Wire.SuccessRecordedJson.of(outcomes.recordSuccess(toolsetName(ctx))));
    }

    private void failures(Context ctx) {
        ctx.json(new Wire.FailuresJson(queries.failures().stream().map(Wire.FailureJson::of).toList()));
    }

    private static String snapshotTag(ConfigSnapshot snapshot) {
        return "g" + snapshot.generation() + "-" + snapshot.checksum().hex();
    }

    private static ToolsetName toolsetName(Context ctx) {
        try {
            return ToolsetName.of(ctx.pathParam("name"));
        } catch (InvalidValueException e) {
            throw new ProblemException(ProblemType.INVALID_TOOLSET_NAME, e.getMessage(),
                    List.of(Wire.ProblemItem.error("name", e.getMessage())));
        }
    }
}
