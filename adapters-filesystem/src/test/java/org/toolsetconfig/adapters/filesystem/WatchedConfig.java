package org.toolsetconfig.adapters.filesystem;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.toolsetconfig.adapters.filesystem.testing.ConfigMapVolume;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.service.ToolsetConfigCore;
import org.toolsetconfig.application.testing.RecordingEventListener;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;

/**
 * A ConfigMap volume read by the real core (file source, YAML decoder), optionally watched and
 * polled: what the service runs, minus HTTP. Closing it closes the watcher and the poll.
 */
final class WatchedConfig implements AutoCloseable {

    static final String KEY = "toolsets.yaml";
    static final long MAX_BYTES = 1_048_576;

    final ConfigMapVolume volume;
    final RecordingEventListener events = new RecordingEventListener();
    final ToolsetConfigCore core;
    /** Below this a test wants the poll; above, it never comes within a test. */
    private static final Duration NO_POLL = Duration.ofMinutes(30);

    private ConfigDirectoryWatcher watcher;
    private ScheduledExecutorService poll;

    private WatchedConfig(ConfigMapVolume volume, CoreSettings settings, Clock clock) {
        this.volume = volume;
        this.core = ToolsetConfigCore.builder()
                .configSource(new FileConfigSource(volume.file(KEY), MAX_BYTES))
                .configDecoder(new YamlConfigDecoder(MAX_BYTES))
                .settings(settings)
                .clock(clock)
                .eventListener(events)
                .build();
    }

    /** A volume at {@code directory} holding {@code content}, loaded at startup. */
    static WatchedConfig mount(Path directory, String content) {
        return mount(directory, content, CoreSettings.defaults(), Clock.systemUTC());
    }

    static WatchedConfig mount(Path directory, String content, CoreSettings settings, Clock clock) {
        WatchedConfig config = new WatchedConfig(ConfigMapVolume.mount(directory, KEY, content), settings, clock);
        config.core.reloads().startup();
        return config;
    }

    /** A valid document whose bytes differ for each {@code version}. */
    static String config(int version) {
        return "discovered:\n  - name: kubernetes/core\n    enabled: true\n    version: " + version + "\n";
    }

    static Checksum checksum(String content) {
        return Checksum.sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Starts the watcher (when {@code watchEnabled}) and a poll every {@code pollInterval} (when
     * short enough to matter), as bootstrap's watcher and poll lifecycles do.
     */
    ConfigDirectoryWatcher watch(Duration debounce, Duration pollInterval, boolean watchEnabled) {
        watcher = new ConfigDirectoryWatcher(volume.file(KEY), core.reloads(), debounce);
        if (watchEnabled) {
            watcher.start();
        }
        if (pollInterval.compareTo(NO_POLL) < 0) {
            poll = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "watched-config-poll"));
            poll.scheduleWithFixedDelay(() -> core.reloads().reload(ReloadTrigger.POLL), pollInterval.toNanos(),
                    pollInterval.toNanos(), TimeUnit.NANOSECONDS);
        }
        return watcher;
    }

    Checksum active() {
        return core.queries().activeSnapshot().checksum();
    }

    /**
     * Waits until {@code content} is the active snapshot and the re-check that applied it has been reported:
     * the snapshot goes live inside the re-check, its {@code ReloadCompleted} event a moment later.
     */
    void awaitActive(String content, Duration bound) {
        Checksum expected = checksum(content);
        Await.until(bound, () -> active().equals(expected) && reloads().stream()
                        .anyMatch(r -> r.outcome() instanceof ReloadOutcome.ConfigChanged changed
                                && changed.checksum().equals(expected)),
                () -> "snapshot of " + content.strip().replace('\n', ' ') + " active; reloads: " + reloads());
    }

    List<ToolsetEvent.ReloadCompleted> reloads() {
        return events.of(ToolsetEvent.ReloadCompleted.class);
    }

    long reloads(ReloadTrigger trigger) {
        return reloads().stream().filter(reload -> reload.trigger() == trigger).count();
    }

    List<ToolsetEvent.ConfigApplied> applied() {
        return events.of(ToolsetEvent.ConfigApplied.class);
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        if (poll != null) {
            poll.shutdown();
            try {
                poll.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
