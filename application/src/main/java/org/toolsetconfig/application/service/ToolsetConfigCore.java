package org.toolsetconfig.application.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.toolsetconfig.application.logging.StructuredLoggingListener;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.in.ManageSessionsUseCase;
import org.toolsetconfig.application.port.in.ProbeSettings;
import org.toolsetconfig.application.port.in.QueryHistoryUseCase;
import org.toolsetconfig.application.port.in.QueryToolsetsUseCase;
import org.toolsetconfig.application.port.in.RecordInvestigationOutcomeUseCase;
import org.toolsetconfig.application.port.in.RecordToolsetOutcomeUseCase;
import org.toolsetconfig.application.port.in.ReloadConfigurationUseCase;
import org.toolsetconfig.application.port.in.ToolsetEvents;
import org.toolsetconfig.application.port.in.ValidateConfigurationUseCase;
import org.toolsetconfig.application.port.in.ValidateConnectivityUseCase;
import org.toolsetconfig.application.port.out.ConfigDecoder;
import org.toolsetconfig.application.port.out.ConfigSource;
import org.toolsetconfig.application.port.out.ProbeResult;
import org.toolsetconfig.application.port.out.ToolsetConfigListener;
import org.toolsetconfig.application.port.out.ToolsetEventListener;
import org.toolsetconfig.application.port.out.ToolsetProbe;

/**
 * The whole core, assembled from its ports without any framework. An embedding service needs a
 * {@link ConfigSource} and a {@link ConfigDecoder}; everything else has a default:
 *
 * <pre>{@code
 * ToolsetConfigCore core = ToolsetConfigCore.builder()
 *         .configSource(source)
 *         .configDecoder(decoder)
 *         .configListener((previous, current) -> clients.rebuild(current.toolsets()))
 *         .build();
 * core.events().subscribe(metrics);
 * core.reloads().startup();
 * }</pre>
 *
 * The core starts no thread: the host calls {@link ReloadConfigurationUseCase#reload} from its
 * watcher and poller and {@link ManageSessionsUseCase#sweep} from a timer.
 */
public final class ToolsetConfigCore {

    private final RecordToolsetOutcomeUseCase outcomes;
    private final RecordInvestigationOutcomeUseCase investigations;
    private final ReloadConfigurationUseCase reloads;
    private final ManageSessionsUseCase sessions;
    private final QueryToolsetsUseCase queries;
    private final ValidateConfigurationUseCase validation;
    private final ValidateConnectivityUseCase connectivity;
    private final QueryHistoryUseCase history;
    private final EventPublisher events;

    private ToolsetConfigCore(Builder builder) {
        CoreSettings settings = builder.settings;
        ChangeHistory changes = new ChangeHistory(settings.historySize());
        this.history = changes;
        List<ToolsetEventListener> eventListeners = new ArrayList<>();
        if (builder.structuredLogging) {
            eventListeners.add(new StructuredLoggingListener());
        }
        eventListeners.addAll(builder.eventListeners);
        this.events = new EventPublisher(changes, eventListeners);
        FailureTracker tracker = new FailureTracker(settings.maxTracked(), settings.reloadPolicy());
        int threshold = settings.reloadPolicy().maxFailuresBeforeReload();
        HealthTransitions health = new HealthTransitions(tracker, events, threshold, builder.clock.instant());
        ConfigurationState state = new ConfigurationState(builder.clock, settings.sessionTtl(),
                settings.maxReloadDeferral(), settings.maxSessions(), tracker, health, events,
                builder.configListeners, builder.listenerExecutor);
        // Whatever decoder the host brings, failure patterns are checked with the syntax they run with.
        ConfigDecoder decoder = FailurePatterns.checking(builder.decoder);
        Reloader reloader = new Reloader(builder.source, decoder, state, events, builder.clock);
        this.outcomes = new RecordToolsetOutcomeService(tracker, health, reloader, events, builder.clock, threshold);
        this.investigations = new RecordInvestigationOutcomeService(outcomes, state, events, builder.clock);
        this.reloads = new ReloadConfigurationService(reloader, events, builder.clock, settings.devMode());
        this.sessions = new ManageSessionsService(state);
        this.queries = new QueryToolsetsService(state, tracker, reloader, changes, settings);
        this.validation = new ValidateConfigurationService(decoder);
        this.connectivity = new ConnectivityService(builder.probe, builder.probeExecutor, builder.probeSettings,
                events, builder.clock);
    }

    /** A builder with the defaults: system UTC clock, DESIGN.md §4 settings, structured logging on. */
    public static Builder builder() {
        return new Builder();
    }

    public RecordToolsetOutcomeUseCase outcomes() {
        return outcomes;
    }

    /** Investigation outcomes: which toolsets an investigation's success or error concerns (DESIGN §9). */
    public RecordInvestigationOutcomeUseCase investigations() {
        return investigations;
    }

    /** Re-checking the configuration file. */
    public ReloadConfigurationUseCase reloads() {
        return reloads;
    }

    public ManageSessionsUseCase sessions() {
        return sessions;
    }

    public QueryToolsetsUseCase queries() {
        return queries;
    }

    public ValidateConfigurationUseCase validation() {
        return validation;
    }

    /** Startup connectivity probes of the toolsets (never run by reloads). */
    public ValidateConnectivityUseCase connectivity() {
        return connectivity;
    }

    /**
     * The change history: versions applied and refused, and the difference between two generations.
     *
     * @return the use case
     */
    public QueryHistoryUseCase history() {
        return history;
    }

    /**
     * The event stream, which subscribers join once the core is built; building publishes nothing,
     * so a subscriber that joins before the first {@link ReloadConfigurationUseCase#startup} misses
     * no event.
     */
    public ToolsetEvents events() {
        return events;
    }

    /** Collects the ports and options of a {@link ToolsetConfigCore}. */
    public static final class Builder {
        private ConfigSource source;
        private ConfigDecoder decoder;
        private Clock clock = Clock.systemUTC();
        private CoreSettings settings = CoreSettings.defaults();
        private final List<ToolsetEventListener> eventListeners = new ArrayList<>();
        private final List<ToolsetConfigListener> configListeners = new ArrayList<>();
        private Executor listenerExecutor = Runnable::run;
        private boolean structuredLogging = true;
        private ToolsetProbe probe = (toolset, timeout) -> new ProbeResult.Skipped("no toolset probe configured");
        private Executor probeExecutor = task -> new Thread(task, "toolset-probe").start();
        private ProbeSettings probeSettings = ProbeSettings.defaults();

        private Builder() {
        }

        /** Where the configuration file is read from. Required. */
        public Builder configSource(ConfigSource value) {
            this.source = Objects.requireNonNull(value, "configSource");
            return this;
        }

        /** How its bytes become a document. Required. */
        public Builder configDecoder(ConfigDecoder value) {
            this.decoder = Objects.requireNonNull(value, "configDecoder");
            return this;
        }

        /** The clock every timestamp, cooldown and expiry is measured with. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Thresholds, cooldowns, caps and dev mode. */
        public Builder settings(CoreSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /**
         * Adds a subscriber to every event (metrics, audit, webhooks), told before those that
         * {@link ToolsetConfigCore#events() subscribe} to the built core.
         */
        public Builder eventListener(ToolsetEventListener value) {
            eventListeners.add(Objects.requireNonNull(value, "eventListener"));
            return this;
        }

        /** Adds a listener told of each newly active snapshot, in generation order. */
        public Builder configListener(ToolsetConfigListener value) {
            configListeners.add(Objects.requireNonNull(value, "configListener"));
            return this;
        }

        /**
         * Where config listeners run. The default runs them on the applying thread, inside the
         * apply, so a listener that hangs holds up every re-check. Give an executor of the host's
         * own so that no listener ever holds up a reload; with more than one thread (a cached pool)
         * a listener that hangs holds up only itself. Each listener is told one snapshot at a
         * time, in generation order, whatever the executor.
         */
        public Builder listenerExecutor(Executor value) {
            this.listenerExecutor = Objects.requireNonNull(value, "listenerExecutor");
            return this;
        }

        /** Whether the §7 log events are written through SLF4J (default on). */
        public Builder structuredLogging(boolean on) {
            this.structuredLogging = on;
            return this;
        }

        /** How toolsets are probed at startup; by default nothing is probed. */
        public Builder toolsetProbe(ToolsetProbe value) {
            this.probe = Objects.requireNonNull(value, "toolsetProbe");
            return this;
        }

        /**
         * Where probes run; by default each probe gets a short-lived thread of its own, so they run
         * in parallel and a hanging one costs nothing past the timeout.
         */
        public Builder probeExecutor(Executor value) {
            this.probeExecutor = Objects.requireNonNull(value, "probeExecutor");
            return this;
        }

        /** Probes on or off and their timeouts. */
        public Builder probeSettings(ProbeSettings value) {
            this.probeSettings = Objects.requireNonNull(value, "probeSettings");
            return this;
        }

        /** The assembled core; fails when a required port is missing. */
        public ToolsetConfigCore build() {
            if (source == null || decoder == null) {
                throw new IllegalStateException("a ToolsetConfigCore needs a configSource and a configDecoder");
            }
            return new ToolsetConfigCore(this);
        }
    }
}
