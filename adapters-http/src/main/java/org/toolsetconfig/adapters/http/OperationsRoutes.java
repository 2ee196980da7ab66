package org.toolsetconfig.adapters.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.toolsetconfig.application.port.in.QueryToolsetsUseCase;
import org.toolsetconfig.application.port.in.ServiceStatus;

/** What the platform around the service asks: liveness, readiness, metrics, and the API's own description. */
final class OperationsRoutes {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENAPI_RESOURCE = "openapi.yaml";
    /** Liveness says dev mode out loud (DESIGN §5): whoever checks the pod sees that validation is off. */
    static final String DEV_MODE_WARNING = "Development mode active - toolset validation skipped";

    private final QueryToolsetsUseCase queries;
    private final BooleanSupplier shuttingDown;
    private final Supplier<String> metricsScrape;
    private final byte[] openApi;

    OperationsRoutes(QueryToolsetsUseCase queries, BooleanSupplier shuttingDown, Supplier<String> metricsScrape) {
        this.queries = queries;
        this.shuttingDown = shuttingDown;
        this.metricsScrape = metricsScrape;
        this.openApi = loadOpenApi();
    }

    void register(RoutesConfig routes) {
        routes.get("/healthz", this::health);
        routes.get("/readyz", this::readiness);
        routes.get("/metrics", this::metrics);
        routes.get("/openapi.yaml", this::openApi);
    }

    private void health(Context ctx) {
        boolean devMode = queries.status().settings().devMode();
        ctx.json(new Wire.HealthJson("ok", devMode, devMode ? DEV_MODE_WARNING : null));
    }

    private void readiness(Context ctx) {
        if (shuttingDown.getAsBoolean()) {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(new Wire.ReadinessJson(false, "shutting down"));
        } else {
            ServiceStatus status = queries.status();
            if (!status.ready()) {
                ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .json(new Wire.ReadinessJson(false, "no valid configuration is active yet"));
            } else if (!status.active().isLoaded()) {
                // B2: dev mode is ready without a valid file; the answer says so rather than look healthy.
                ctx.json(new Wire.ReadinessJson(true, "dev mode: no valid configuration is active, serving 0 "
                        + "toolsets"));
            } else {
                ctx.json(new Wire.ReadinessJson(true, null));
            }
        }
    }

    private void metrics(Context ctx) {
        String scrape = metricsScrape.get();
        ctx.contentType(PROMETHEUS_TEXT).result(scrape);
    }

    private void openApi(Context ctx) {
        ctx.contentType("application/yaml").result(openApi);
    }

    private static byte[] loadOpenApi() {
        try (InputStream in = OperationsRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the adapter's resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + OPENAPI_RESOURCE, e);
        }
    }
}
