package org.toolsetconfig.adapters.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import org.toolsetconfig.application.port.in.DiffQuery;
import org.toolsetconfig.application.port.in.DiffResult;
import org.toolsetconfig.application.port.in.QueryHistoryUseCase;
import org.toolsetconfig.application.port.in.QueryToolsetsUseCase;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.Printable;

/**
 * The change history (DESIGN §12): the versions applied and refused, one applied generation's
 * toolsets, and the difference between two generations. Toolsets leave redacted (§11); a diff
 * holds field paths only.
 */
final class HistoryRoutes {

    private final QueryHistoryUseCase history;
    private final QueryToolsetsUseCase queries;

    HistoryRoutes(QueryHistoryUseCase history, QueryToolsetsUseCase queries) {
        this.history = history;
        this.queries = queries;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/history", this::list);
        routes.get("/api/v1/history/{generation}", this::one);
        routes.get("/api/v1/diff", this::diff);
    }

    private void list(Context ctx) {
        ctx.json(new Wire.HistoryJson(history.history().stream().map(Wire.HistoryEntryJson::of).toList()));
    }

    private void one(Context ctx) {
        long generation = generation("generation", ctx.pathParam("generation"));
        ConfigSnapshot snapshot = history.applied(generation).orElseThrow(() -> notKept(generation));
        ctx.json(new Wire.AppliedJson(snapshot.generation(), Wire.hexOrNull(snapshot.checksum()),
                Wire.instant(snapshot.loadedAt()), Wire.ToolsetJson.all(snapshot.toolsets(), queries::health)));
    }

    private void diff(Context ctx) {
        DiffQuery query = new DiffQuery(generation("from", ctx.queryParam("from")),
                generation("to", ctx.queryParam("to")));
        DiffResult result = history.diff(query);
        if (result instanceof DiffResult.NotKept notKept) {
            throw notKept(notKept.generation());
        }
        DiffResult.Diffed diffed = (DiffResult.Diffed) result;
        ctx.json(Wire.DiffJson.of(diffed.from(), diffed.to(), diffed.diff()));
    }

    /** A generation as a request gives it: a whole number from 1. */
    private static long generation(String parameter, String text) {
        if (text == null) {
            throw invalid(parameter, "is missing; give a generation number, as GET /api/v1/history lists them");
        }
        try {
            long generation = Long.parseLong(text.strip());
            if (generation >= 1) {
                return generation;
            }
        } catch (NumberFormatException e) {
            // answered below, with the value
        }
        throw invalid(parameter, "'" + Printable.of(text) + "' is not a generation (a whole number from 1)");
    }

    private static ProblemException invalid(String parameter, String message) {
        return new ProblemException(ProblemType.INVALID_REQUEST, parameter + " " + message,
                List.of(Wire.ProblemItem.error(parameter, message)));
    }

    private static ProblemException notKept(long generation) {
        return new ProblemException(ProblemType.GENERATION_NOT_KEPT, "generation " + generation + " is not in the "
                + "history: never applied, or older than the last TOOLSET_HISTORY_SIZE versions kept; "
                + "GET /api/v1/history lists those kept");
    }
}
