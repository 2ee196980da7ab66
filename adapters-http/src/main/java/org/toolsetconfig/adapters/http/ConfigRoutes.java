package org.toolsetconfig.adapters.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.toolsetconfig.application.port.in.QueryToolsetsUseCase;
import org.toolsetconfig.application.port.in.ReloadConfigurationUseCase;
import org.toolsetconfig.application.port.in.ValidateConfigurationUseCase;
import org.toolsetconfig.application.port.in.ValidationReport;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;

/** The configuration file: manual re-check, dry-run validation, and the service's status. */
final class ConfigRoutes {

    private final ReloadConfigurationUseCase reloads;
    private final ValidateConfigurationUseCase validation;
    private final QueryToolsetsUseCase queries;
    private final RequestBodies bodies;
    private final StatusSettings reported;

    ConfigRoutes(ReloadConfigurationUseCase reloads, ValidateConfigurationUseCase validation,
                 QueryToolsetsUseCase queries, RequestBodies bodies, StatusSettings reported) {
        this.reloads = reloads;
        this.validation = validation;
        this.queries = queries;
        this.bodies = bodies;
        this.reported = reported;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/v1/reload", this::reload);
        routes.post("/api/v1/validate", this::validate);
        routes.get("/api/v1/status", this::status);
    }

    private void reload(Context ctx) {
        ReloadOutcome outcome = reloads.reload(ReloadTrigger.MANUAL);
        ctx.json(new Wire.ManualReloadJson(outcome.wireName(), Wire.appliedWireName(outcome),
                queries.activeSnapshot().generation(), Wire.ProblemItem.of(outcome)));
    }

    private void validate(Context ctx) {
        ValidationReport report = validation.validate(bodies.yaml(ctx));
        ctx.json(new Wire.ValidationJson(report.valid(), Wire.ProblemItem.all(report.problems()),
                Wire.ToolsetJson.all(report.toolsets(), queries::health)));
    }

    private void status(Context ctx) {
        ctx.json(Wire.StatusJson.of(queries.status(), reported, OperationsRoutes.DEV_MODE_WARNING));
    }
}
