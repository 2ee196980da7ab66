package org.toolsetconfig.adapters.http;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.application.port.in.ManageSessionsUseCase;
import org.toolsetconfig.application.port.in.QueryToolsetsUseCase;
import org.toolsetconfig.application.port.in.RecordToolsetOutcomeUseCase;
import org.toolsetconfig.application.port.in.ReloadConfigurationUseCase;
import org.toolsetconfig.application.port.in.ToolsetEvents;
import org.toolsetconfig.application.port.in.ValidateConfigurationUseCase;

/**
 * The HTTP API of DESIGN.md §5 on Javalin, calling only the application's use cases. Nothing
 * listens until {@link #start()}; {@link #markShuttingDown()} turns readiness off, and
 * {@link #stop()} stops accepting and lets requests in flight finish (bounded by
 * {@link #STOP_TIMEOUT}).
 */
public final class HttpApiServer {

    /** How long {@link #stop()} waits for requests in flight. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration IDLE_CONNECTION_GRACE = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiServer.class);

    private final HttpSettings settings;
    private final Duration stopTimeout;
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private final Javalin app;
    private final EventStream eventStream;
    private volatile int boundPort = -1;
    private volatile boolean stopped;

    /**
     * An API over the given use cases. {@code metricsScrape} yields the Prometheus text exposition
     * (format 0.0.4) served at {@code /metrics}; it is called once per scrape.
     */
    public HttpApiServer(RecordToolsetOutcomeUseCase outcomes, ReloadConfigurationUseCase reloads,
                         ManageSessionsUseCase sessions, QueryToolsetsUseCase queries,
                         ValidateConfigurationUseCase validation, ToolsetEvents events,
                         Supplier<String> metricsScrape, HttpSettings settings) {
        this(outcomes, reloads, sessions, queries, validation, events, metricsScrape, settings, STOP_TIMEOUT,
                EventStream.Limits.DEFAULTS);
    }

    /**
     * As the public constructor, with another bound on {@link #stop()} and other event-stream limits:
     * tests need not wait 10 s or connect 1 000 clients.
     */
    HttpApiServer(RecordToolsetOutcomeUseCase outcomes, ReloadConfigurationUseCase reloads,
                  ManageSessionsUseCase sessions, QueryToolsetsUseCase queries,
                  ValidateConfigurationUseCase validation, ToolsetEvents events, Supplier<String> metricsScrape,
                  HttpSettings settings, Duration stopTimeout, EventStream.Limits eventLimits) {
        Objects.requireNonNull(outcomes, "outcomes");
        Objects.requireNonNull(reloads, "reloads");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(queries, "queries");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(metricsScrape, "metricsScrape");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        RequestBodies bodies = new RequestBodies(mapper);
        ToolsetRoutes toolsets = new ToolsetRoutes(queries, outcomes, bodies);
        SessionRoutes sessionRoutes = new SessionRoutes(sessions);
        ConfigRoutes config = new ConfigRoutes(reloads, validation, queries, bodies);
        OperationsRoutes operations = new OperationsRoutes(queries, shuttingDown::get, metricsScrape);
        this.eventStream = EventStream.attach(Objects.requireNonNull(events, "events"), eventLimits);
        EventRoutes eventRoutes = new EventRoutes(eventStream);
        ProblemResponses problems = new ProblemResponses(mapper);
        JettyErrorProblems jettyErrors = new JettyErrorProblems(mapper);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(new JavalinJackson(mapper, false));
            cfg.http.maxRequestSize = RequestBodies.MAX_BODY_BYTES;
            cfg.http.prefer405over404 = true;
            cfg.jetty.host = settings.host();
            cfg.jetty.port = settings.port();
            // %2F inside a toolset name is an "ambiguous path separator" to Jetty, refused by default.
            cfg.jetty.modifyHttpConfiguration(http -> http.setUriCompliance(
                    UriCompliance.DEFAULT.with("toolset names", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR)));
            cfg.jetty.modifyServletContextHandler(context -> {
                context.getServletHandler().setDecodeAmbiguousURIs(true);
                context.setErrorHandler(jettyErrors);
            });
            cfg.jetty.modifyServer(server -> {
                server.setErrorHandler(jettyErrors);
                // Graceful stop (B10): stop accepting, then wait for requests in flight, bounded.
                server.insertHandler(new GracefulHandler());
                server.setStopTimeout(stopTimeout.toMillis());
            });
            settings.apiToken().ifPresent(token -> cfg.routes.before("/api/v1/*", new BearerTokenCheck(token)));
            toolsets.register(cfg.routes);
            sessionRoutes.register(cfg.routes);
            config.register(cfg.routes);
            operations.register(cfg.routes);
            eventRoutes.register(cfg.routes);
            problems.register(cfg.routes);
        });
    }

    /** Opens the port and serves; returns the port bound (a free one when the settings say 0). */
    public synchronized int start() {
        if (stopped) {
            throw new IllegalStateException("a stopped HttpApiServer cannot be started again");
        }
        if (boundPort < 0) {
            app.start();
            for (Connector connector : app.jettyServer().server().getConnectors()) {
                if (connector instanceof AbstractConnector jetty) {
                    // Idle keep-alive connections would otherwise hold every stop for Jetty's default 1 s.
                    jetty.setShutdownIdleTimeout(IDLE_CONNECTION_GRACE.toMillis());
                }
            }
            boundPort = app.port();
            eventStream.start();
            LOG.atInfo().setMessage("http_api_started").addKeyValue("host", settings.host())
                    .addKeyValue("port", boundPort)
                    .addKeyValue("auth", settings.apiToken().isPresent() ? "bearer" : "none").log();
        }
        return boundPort;
    }

    /** The port bound by {@link #start()}. */
    public int port() {
        if (boundPort < 0) {
            throw new IllegalStateException("the HTTP API has not been started");
        }
        return boundPort;
    }

    /** From now on {@code /readyz} answers 503, so load balancers stop sending new work. */
    public void markShuttingDown() {
        shuttingDown.set(true);
    }

    /**
     * Turns readiness off, stops accepting connections and waits up to {@link #STOP_TIMEOUT} for
     * requests in flight to finish; what is still running then is cut off. Idempotent.
     */
    public synchronized void stop() {
        markShuttingDown();
        if (stopped) {
            return;
        }
        stopped = true;
        // Event streams never end by themselves: they get their final event now, or the graceful
        // stop would wait its whole timeout for them.
        eventStream.close();
        if (boundPort >= 0) {
            try {
                app.stop();
                LOG.atInfo().setMessage("http_api_stopped").addKeyValue("port", boundPort).log();
            } catch (RuntimeException e) {
                // Jetty has stopped anyway; what did not finish within the timeout was cut off.
                LOG.atWarn().setMessage("http_api_stop_not_graceful").addKeyValue("port", boundPort)
                        .addKeyValue("timeout_millis", stopTimeout.toMillis()).setCause(e).log();
            }
        }
        eventStream.stopWriter();
    }

    /** Clients connected to {@code /api/v1/events} now; for the {@code holmesgpt_event_subscribers} gauge. */
    public int eventSubscribers() {
        return eventStream.subscriberCount();
    }

    /** Every route served, as {@code METHOD path} with path parameters written {@code {name}}; for tests. */
    List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(parsed -> parsed.endpoint.method.isHttpMethod())
                .map(parsed -> parsed.endpoint.method.name() + " "
                        + parsed.endpoint.path.replace('<', '{').replace('>', '}'))
                .sorted()
                .toList();
    }
}
