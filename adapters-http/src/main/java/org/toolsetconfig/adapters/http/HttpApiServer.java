package org.toolsetconfig.adapters.http;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.application.port.in.ManageSessionsUseCase;
import org.toolsetconfig.application.port.in.QueryHistoryUseCase;
import org.toolsetconfig.application.port.in.QueryToolsetsUseCase;
import org.toolsetconfig.application.port.in.RecordInvestigationOutcomeUseCase;
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
    public HttpApiServer(RecordToolsetOutcomeUseCase outcomes, RecordInvestigationOutcomeUseCase investigations,
                         ReloadConfigurationUseCase reloads, ManageSessionsUseCase sessions,
                         QueryToolsetsUseCase queries, ValidateConfigurationUseCase validation,
                         QueryHistoryUseCase history, ToolsetEvents events, Supplier<String> metricsScrape,
                         HttpSettings settings) {
        this(outcomes, investigations, reloads, sessions, queries, validation, history, events, metricsScrape,
                settings, Limits.DEFAULT, EventStream.Limits.DEFAULTS);
    }

    /**
     * Bounds that tests shrink: how long {@link #stop()} waits, how long a request body may take to
     * arrive, and the worker pool (250 threads, Javalin's default).
     */
    record Limits(Duration stopTimeout, Duration bodyDeadline, int maxThreads) {
        static final Limits DEFAULT = new Limits(STOP_TIMEOUT, BodyPrefetch.DEFAULT_DEADLINE, 250);

        Limits {
            if (maxThreads < 8) {
                throw new IllegalArgumentException("the worker pool needs at least 8 threads, was " + maxThreads);
            }
        }

        /**
         * How many API requests may run at once. The rest of the pool is kept for Jetty's own
         * threads and for health, readiness and metrics, so that Kubernetes' probes are answered
         * while every API request waits (a re-check stuck on a slow file): 200 of 250 by default.
         */
        int apiConcurrency() {
            return maxThreads - Math.max(6, maxThreads / 5);
        }
    }

    /** Beyond this, API requests that wait for one of the {@link Limits#apiConcurrency()} slots are refused 503. */
    private static final int MAX_WAITING_API_REQUESTS = 1000;
    private static final Duration MAX_API_WAIT = Duration.ofSeconds(30);

    /**
     * As the public constructor, with other {@link Limits} and event-stream limits: tests need not
     * wait 10 s, open 260 connections or connect 1 000 event-stream clients.
     */
    HttpApiServer(RecordToolsetOutcomeUseCase outcomes, RecordInvestigationOutcomeUseCase investigations,
                  ReloadConfigurationUseCase reloads, ManageSessionsUseCase sessions, QueryToolsetsUseCase queries,
                  ValidateConfigurationUseCase validation, QueryHistoryUseCase history, ToolsetEvents events,
                  Supplier<String> metricsScrape, HttpSettings settings, Limits limits,
                  EventStream.Limits eventLimits) {
        Objects.requireNonNull(outcomes, "outcomes");
        Objects.requireNonNull(investigations, "investigations");
        Objects.requireNonNull(reloads, "reloads");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(queries, "queries");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(metricsScrape, "metricsScrape");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.stopTimeout = limits.stopTimeout();
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        RequestBodies bodies = new RequestBodies(mapper);
        ToolsetRoutes toolsets = new ToolsetRoutes(queries, outcomes, bodies);
        InvestigationRoutes investigationRoutes = new InvestigationRoutes(investigations, queries, bodies);
        SessionRoutes sessionRoutes = new SessionRoutes(sessions, queries);
        ConfigRoutes config = new ConfigRoutes(reloads, validation, queries, bodies, settings.status());
        OperationsRoutes operations = new OperationsRoutes(queries, shuttingDown::get, metricsScrape);
        HistoryRoutes historyRoutes = new HistoryRoutes(history, queries);
        this.eventStream = EventStream.attach(Objects.requireNonNull(events, "events"), eventLimits);
        EventRoutes eventRoutes = new EventRoutes(eventStream);
        ResponseBodies answers = new ResponseBodies(mapper, settings.maxResponseChars());
        ProblemResponses problems = new ProblemResponses(answers);
        JettyErrorProblems jettyErrors = new JettyErrorProblems(mapper);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(answers);
            cfg.http.maxRequestSize = RequestBodies.MAX_BODY_BYTES;
            cfg.http.prefer405over404 = true;
            cfg.jetty.threadPool = new QueuedThreadPool(limits.maxThreads(), 8);
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
                // Bodies are read without holding a worker, within one deadline (issue 19, item 3).
                server.insertHandler(apiConcurrencyLimit(limits));
                server.insertHandler(new BodyPrefetch(limits.bodyDeadline()));
                server.insertHandler(new HeadAsGet());
                // Graceful stop (B10): stop accepting, then wait for requests in flight, bounded.
                server.insertHandler(new GracefulHandler());
                server.setStopTimeout(stopTimeout.toMillis());
            });
            // Every body is UTF-8 and says so. Javalin encodes a result with the response's charset,
            // and writes ctx.json's type without one.
            cfg.routes.before(ctx -> ctx.res().setCharacterEncoding(StandardCharsets.UTF_8.name()));
            cfg.routes.after(ctx -> {
                if ("application/json".equals(ctx.res().getContentType())) {
                    ctx.contentType(ResponseBodies.JSON);
                }
            });
            settings.apiToken().ifPresent(token -> cfg.routes.before("/api/v1/*", new BearerTokenCheck(token)));
            toolsets.register(cfg.routes);
            investigationRoutes.register(cfg.routes);
            sessionRoutes.register(cfg.routes);
            config.register(cfg.routes);
            operations.register(cfg.routes);
            eventRoutes.register(cfg.routes);
            historyRoutes.register(cfg.routes);
            problems.register(cfg.routes);
        });
    }

    /**
     * At most {@link Limits#apiConcurrency()} requests run at once outside health, readiness,
     * metrics and the event stream; the others wait without holding a thread (up to {@link #MAX_API_WAIT}, then 503).
     */
    private static QoSHandler apiConcurrencyLimit(Limits limits) {
        QoSHandler qos = new QoSHandler();
        qos.setMaxRequestCount(limits.apiConcurrency());
        qos.setMaxSuspendedRequestCount(MAX_WAITING_API_REQUESTS);
        qos.setMaxSuspend(MAX_API_WAIT);
        // An event stream holds its request open for its whole life, without a thread (EventRoutes):
        // a permit held as long would starve the API. EventStream.Limits caps the streams instead.
        qos.excludePath("/healthz", "/readyz", "/metrics", EventRoutes.PATH);
        return qos;
    }

    /** Opens the port and serves; returns the port bound (a free one when the settings say 0). */
    public synchronized int start() {
        if (stopped) {
            throw new IllegalStateException("a stopped HttpApiServer cannot be started again");
        }
        if (boundPort < 0) {
            try {
                app.start();
            } catch (JavalinBindException e) {
                throw new IllegalStateException(bindFailure(e), e);
            }
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

    /**
     * What stopped the server from listening, in an operator's words. Javalin calls every bind
     * failure "port already in use", also for a host that is no address at all ({@code 999.1.1.1}).
     */
    private String bindFailure(JavalinBindException failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String where = settings.host() + ":" + settings.port();
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
            return "cannot listen on " + where + ": the host '" + settings.host() + "' is neither an IP address nor "
                    + "a name that resolves; set --host (TOOLSET_HTTP_HOST) to an address of this machine, such as "
                    + "0.0.0.0 for all of them";
        }
        if (message.contains("already in use")) {
            return "cannot listen on " + where + ": the port is already in use by another process; stop it or "
                    + "choose another --port (TOOLSET_HTTP_PORT)";
        }
        if (message.contains("assign requested address")) {
            return "cannot listen on " + where + ": '" + settings.host() + "' is not an address of this machine; "
                    + "set --host (TOOLSET_HTTP_HOST) to one of its addresses, or 0.0.0.0 for all of them";
        }
        return "cannot listen on " + where + ": " + cause.getClass().getSimpleName() + ": " + message;
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
