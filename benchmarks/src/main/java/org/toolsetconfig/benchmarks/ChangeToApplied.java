package org.toolsetconfig.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.toolsetconfig.adapters.filesystem.ConfigDirectoryWatcher;
import org.toolsetconfig.adapters.filesystem.FileConfigSource;
import org.toolsetconfig.adapters.filesystem.YamlConfigDecoder;
import org.toolsetconfig.adapters.filesystem.testing.ConfigMapVolume;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.service.ToolsetConfigCore;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ReloadTrigger;

/**
 * Issue item 4: on the real disk, kubelet-style atomic swaps of a ConfigMap volume
 * ({@link ConfigMapVolume}), timed from just before the swap to the moment the new snapshot is
 * applied (the core's config listener, on the applying thread). Twice, with the service's own
 * watcher and core: file watching on (100 ms debounce, poll at the longest interval, 300 s, so only
 * the watch can deliver), then poll-only at the shortest interval allowed (30 s), each swap at a
 * random phase of the poll, as a ConfigMap edit would be. Between the two, in the same run, the
 * same documents as updates through the Kubernetes API ({@link ApiUpdateToApplied}).
 *
 * <p>Usage: {@code ChangeToApplied <directory on the disk> [watchSwaps] [pollSwaps] [apiUpdates]}. Prints one
 * {@code key=value} line per figure, for {@code Report}.
 */
public final class ChangeToApplied {

    private static final String KEY = "toolsets.yaml";
    private static final Duration DEBOUNCE = Duration.ofMillis(100);
    /** Quiet time between two watched swaps, so a swap never lands in the previous one's debounce. */
    private static final Duration SETTLE = Duration.ofMillis(400);

    private ChangeToApplied() {
    }

    /** Runs both modes and prints the figures. */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"))
                .resolve("toolset-swaps-" + ProcessHandle.current().pid());
        int watchSwaps = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int pollSwaps = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int apiUpdates = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        try {
            List<Double> watched = run(root.resolve("watch"), true, Duration.ofSeconds(300), watchSwaps);
            report("watch", watched);
            List<Double> api = ApiUpdateToApplied.run(apiUpdates);
            report("api", api);
            System.out.printf(Locale.ROOT, "swap.ratio.p50.api_over_watch=%.2f%n",
                    percentile(api, 50) / percentile(watched, 50));
            List<Double> polled = run(root.resolve("poll"), false, Duration.ofSeconds(30), pollSwaps);
            report("poll", polled);
            System.out.printf(Locale.ROOT, "swap.ratio.p50.poll_over_watch=%.1f%n",
                    percentile(polled, 50) / percentile(watched, 50));
        } finally {
            deleteRecursively(root);
        }
    }

    private static List<Double> run(Path directory, boolean watch, Duration pollInterval, int swaps)
            throws InterruptedException {
        ConcurrentHashMap<Checksum, Long> appliedAt = new ConcurrentHashMap<>();
        ConfigMapVolume volume = ConfigMapVolume.mount(directory, KEY, Documents.toolsets(50, 0));
        ToolsetConfigCore core = ToolsetConfigCore.builder()
                .configSource(new FileConfigSource(volume.file(KEY), Cores.MAX_BYTES))
                .configDecoder(new YamlConfigDecoder(Cores.MAX_BYTES))
                .settings(CoreSettings.defaults())
                .structuredLogging(false)
                .configListener((previous, current) -> appliedAt.put(current.checksum(), System.nanoTime()))
                .build();
        Cores.requireApplied(core.reloads().startup());
        List<Double> millis = new ArrayList<>();
        // The poll, as the service's Periodic runs it; the watcher only watches.
        ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor();
        poll.scheduleWithFixedDelay(() -> core.reloads().reload(ReloadTrigger.POLL), pollInterval.toNanos(),
                pollInterval.toNanos(), TimeUnit.NANOSECONDS);
        try (ConfigDirectoryWatcher watcher = new ConfigDirectoryWatcher(volume.file(KEY), core.reloads(), DEBOUNCE)) {
            if (watch) {
                watcher.start();
            }
            for (int i = 1; i <= swaps; i++) {
                long pause = watch ? SETTLE.toMillis()
                        : ThreadLocalRandom.current().nextLong(pollInterval.toMillis());
                Thread.sleep(pause); // pacing of the load, not a wait for a result
                String content = Documents.toolsets(50, i);
                Checksum expected = Checksum.sha256(content.getBytes(StandardCharsets.UTF_8));
                long swappedAt = System.nanoTime();
                volume.update(KEY, content);
                long deadline = swappedAt + pollInterval.toNanos() + Duration.ofSeconds(10).toNanos();
                Long applied;
                while ((applied = appliedAt.get(expected)) == null) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("swap " + i + " was not applied within the poll interval + 10 s");
                    }
                    Thread.sleep(1);
                }
                millis.add((applied - swappedAt) / 1e6);
            }
        } finally {
            poll.shutdownNow();
        }
        return millis;
    }

    private static void report(String mode, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        sorted.sort(Comparator.naturalOrder());
        System.out.printf(Locale.ROOT, "swap.%s.count=%d%n", mode, sorted.size());
        System.out.printf(Locale.ROOT, "swap.%s.min_ms=%.1f%n", mode, sorted.get(0));
        System.out.printf(Locale.ROOT, "swap.%s.p50_ms=%.1f%n", mode, percentile(sorted, 50));
        System.out.printf(Locale.ROOT, "swap.%s.p99_ms=%.1f%n", mode, percentile(sorted, 99));
        System.out.printf(Locale.ROOT, "swap.%s.max_ms=%.1f%n", mode, sorted.get(sorted.size() - 1));
    }

    /** Nearest-rank percentile. */
    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
