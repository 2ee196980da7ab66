package org.toolsetconfig.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.toolsetconfig.application.port.in.InvestigationOutcomeCommand;
import org.toolsetconfig.application.port.in.QueryToolsetsUseCase;
import org.toolsetconfig.application.port.in.RecordInvestigationOutcomeUseCase;
import org.toolsetconfig.domain.InvalidValueException;
import org.toolsetconfig.domain.Printable;
import org.toolsetconfig.domain.ToolsetName;

/** {@code POST /api/v1/investigations/outcome} (DESIGN §9): the engine says how an investigation ended. */
final class InvestigationRoutes {

    static final String PATH = "/api/v1/investigations/outcome";

    private final RecordInvestigationOutcomeUseCase investigations;
    private final QueryToolsetsUseCase queries;
    private final RequestBodies bodies;

    InvestigationRoutes(RecordInvestigationOutcomeUseCase investigations, QueryToolsetsUseCase queries,
                        RequestBodies bodies) {
        this.investigations = investigations;
        this.queries = queries;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.post(PATH, this::outcome);
    }

    private void outcome(Context ctx) {
        JsonNode body = bodies.optionalJsonObject(ctx).orElseThrow(() -> invalid("", "the body is required: "
                + "{\"result\":\"success\",\"toolsetsUsed\":[…]} or {\"result\":\"failure\",\"error\":\"…\"}"));
        ctx.json(Wire.InvestigationOutcomeJson.of(investigations.record(command(body)),
                name -> queries.activeSnapshot().definedToolset(name).isPresent()));
    }

    /** Every field is checked before anything is recorded: a bad body changes no counter. */
    private static InvestigationOutcomeCommand command(JsonNode body) {
        String result = RequestBodies.optionalString(body, "result").orElseThrow(() -> invalid("result",
                "'result' is required: \"success\" or \"failure\""));
        Optional<List<ToolsetName>> used = names(body, "toolsetsUsed");
        switch (result) {
            case "success" -> {
                return new InvestigationOutcomeCommand.Succeeded(used.orElseThrow(() -> invalid("toolsetsUsed",
                        "a success needs 'toolsetsUsed': the toolsets the investigation used (an array of names)")));
            }
            case "failure" -> {
                String error = RequestBodies.optionalString(body, "error").filter(text -> !text.isBlank())
                        .orElseThrow(() -> invalid("error", "a failure needs 'error': the investigation's error "
                                + "text, matched against the toolsets' failure patterns"));
                Optional<ToolsetName> last = RequestBodies.optionalString(body, "lastToolset")
                        .map(name -> name(name, "lastToolset"));
                return new InvestigationOutcomeCommand.Failed(error, RequestBodies.optionalString(body, "errorType"),
                        used.orElse(List.of()), last);
            }
            default -> throw invalid("result", "'result' must be \"success\" or \"failure\", was '"
                    + Printable.clip(result, 64) + "'");
        }
    }

    private static Optional<List<ToolsetName>> names(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw invalid(field, "'" + field + "' must be an array of toolset names, was "
                    + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        if (value.size() > InvestigationOutcomeCommand.MAX_TOOLSETS) {
            throw invalid(field, "'" + field + "' names " + value.size() + " toolsets; at most "
                    + InvestigationOutcomeCommand.MAX_TOOLSETS + " are allowed");
        }
        List<ToolsetName> names = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            String path = field + "[" + i + "]";
            if (!value.get(i).isTextual()) {
                throw invalid(path, "'" + path + "' must be a toolset name (a string)");
            }
            names.add(name(value.get(i).textValue(), path));
        }
        return Optional.of(names);
    }

    private static ToolsetName name(String text, String path) {
        try {
            return ToolsetName.of(text);
        } catch (InvalidValueException e) {
            throw new ProblemException(ProblemType.INVALID_TOOLSET_NAME, "'" + path + "': " + e.getMessage(),
                    List.of(Wire.ProblemItem.error(path, e.getMessage())));
        }
    }

    private static ProblemException invalid(String path, String message) {
        return new ProblemException(ProblemType.INVALID_REQUEST, message, List.of(Wire.ProblemItem.error(path,
                message)));
    }
}
