package com.example.embedding;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.service.ToolsetConfigCore;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadPolicy;
import org.toolsetconfig.domain.ReloadTrigger;

/**
 * The toolset configuration inside a plain Java service: the core assembled from its ports with the builder, no
 * Guice, no HTTP. The host does the two jobs the core leaves to it (it starts no thread): re-check the source now and
 * then, and sweep stale sessions.
 */
public final class EmbeddedToolsetConfig implements AutoCloseable {

    /** The key of the host's store that holds the toolsets document. */
    public static final String KEY = "toolsets";

    private final ToolsetConfigCore core;
    private final ClientRebuildingListener clients;
    private final ScheduledExecutorService timer;

    private EmbeddedToolsetConfig(ToolsetConfigCore core, ClientRebuildingListener clients,
                                  ScheduledExecutorService timer) {
        this.core = core;
        this.clients = clients;
        this.timer = timer;
    }

    /**
     * Assembles the core on {@code store}, loads the document once and starts polling it every
     * {@code pollInterval}.
     *
     * @throws IllegalStateException when the first load does not yield a valid configuration
     */
    public static EmbeddedToolsetConfig start(Map<String, String> store, Clock clock, Duration pollInterval) {
        Objects.requireNonNull(pollInterval, "pollInterval");
        // tag::assemble[]
        ClientRebuildingListener clients = new ClientRebuildingListener();
        ToolsetConfigCore core = ToolsetConfigCore.builder()
                .configSource(new KeyValueConfigSource(store, KEY, clock))
                .configDecoder(new LineFormatDecoder())
                .clock(clock)
                .settings(CoreSettings.defaults().withReloadPolicy(new ReloadPolicy(3, Duration.ofSeconds(60))))
                .configListener(clients)
                .build();

        ReloadOutcome first = core.reloads().startup();
        if (!(first instanceof ReloadOutcome.ConfigChanged)) {
            throw new IllegalStateException("toolset configuration not usable at startup: " + first);
        }
        // end::assemble[]

        // tag::host[]
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "toolset-config");
            thread.setDaemon(true);
            return thread;
        });
        long pollMillis = pollInterval.toMillis();
        timer.scheduleWithFixedDelay(() -> core.reloads().reload(ReloadTrigger.POLL),
                pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(core.sessions()::sweep, 60, 60, TimeUnit.SECONDS);
        // end::host[]
        return new EmbeddedToolsetConfig(core, clients, timer);
    }

    /** The assembled core: its use cases are what the rest of the service calls. */
    public ToolsetConfigCore core() {
        return core;
    }

    /** The client built from the active snapshot. */
    public ToolsetClient client() {
        return clients.client();
    }

    /** Re-checks at once, for a host whose store can tell it that the value changed. */
    public ReloadOutcome storeChanged() {
        return core.reloads().reload(ReloadTrigger.WATCH);
    }

    /** Stops the timer; the core itself holds no thread. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
