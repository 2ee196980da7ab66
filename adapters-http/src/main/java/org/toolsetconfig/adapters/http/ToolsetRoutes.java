package org.toolsetconfig.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.toolsetconfig.application.port.in.PendingReload;
import org.toolsetconfig.application.port.in.QueryToolsetsUseCase;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.port.in.RecordFailureResult;
import org.toolsetconfig.application.port.in.RecordToolsetOutcomeUseCase;
import org.toolsetconfig.application.port.in.ToolsetView;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.InvalidValueException;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetHealth;
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

    /** Enabled toolsets by default (what the engine uses); {@code ?include=disabled} lists every defined one. */
    private void list(Context ctx) {
        String include = ctx.queryParam("include");
        if (include != null && !include.equals("disabled")) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "query parameter include='" + include
                    + "' is not supported: use include=disabled to list disabled toolsets too, or leave it out",
                    List.of(Wire.ProblemItem.error("include", "must be 'disabled' or absent")));
        }
        ConfigSnapshot active = queries.activeSnapshot();
        List<Toolset> listed = include == null ? active.toolsets() : active.definedToolsets();
        Optional<PendingReload> pending = queries.pendingReload();
        // Health is read once, for the tag and the body alike: it changes without a new generation.
        Map<Toolset, ToolsetHealth> health = new IdentityHashMap<>();
        listed.forEach(toolset -> health.put(toolset, queries.health(toolset)));
        // The body also shows the pending change, which comes and goes without a new generation.
        String tag = snapshotTag(active) + (include == null ? "" : "-d")
                + pending.map(p -> "-p" + p.checksum().hex()).orElse("")
                + "-h" + healthTag(listed.stream().map(health::get).toList());
        if (!EntityTags.notModified(ctx, tag)) {
            ctx.json(Wire.SnapshotJson.of(active, listed, pending, health::get));
        }
    }

    private void one(Context ctx) {
        ToolsetName name = toolsetName(ctx);
        // Read before the view: a reload in between makes the tag older than the body, never newer.
        ConfigSnapshot snapshot = queries.activeSnapshot();
        ToolsetView view = queries.toolset(name);
        if (view.isUnknown()) {
            throw new ProblemException(ProblemType.TOOLSET_NOT_FOUND, "toolset '" + name + "' is neither defined in "
                    + "the active configuration nor tracked for failures");
        }
        // The failure record and the health it gives change without a new generation; the two
        // counters move with every change.
        String tag = snapshotTag(snapshot) + view.failures()
                .map(f -> "-f" + f.consecutiveFailures() + "." + f.totalFailures()).orElse("")
                + view.health().map(h -> "-h" + h.ordinal()).orElse("");
        if (!EntityTags.notModified(ctx, tag)) {
            ctx.json(new Wire.ToolsetViewJson(
                    view.toolset().map(toolset -> Wire.ToolsetJson.of(toolset, view.health().orElseThrow()))
                            .orElse(null),
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
        boolean known = queries.activeSnapshot().definedToolset(name).isPresent();
        ctx.json(Wire.FailureRecordedJson.of(recorded.record(), recorded.reload(), known));
    }

    private void recordSuccess(Context ctx) {
        ctx.json(Wire.SuccessRecordedJson.of(outcomes.recordSuccess(toolsetName(ctx))));
    }

    private void failures(Context ctx) {
        ctx.json(new Wire.FailuresJson(queries.failures().stream().map(Wire.FailureJson::of).toList()));
    }

    /** The health of each listed toolset, in order, folded into 16 hex digits. */
    private static String healthTag(List<ToolsetHealth> healths) {
        StringBuilder states = new StringBuilder(healths.size());
        healths.forEach(h -> states.append((char) ('0' + h.ordinal())));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(states.toString().getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
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
