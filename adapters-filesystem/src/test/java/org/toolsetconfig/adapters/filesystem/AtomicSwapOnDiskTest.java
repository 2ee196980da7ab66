package org.toolsetconfig.adapters.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;

/**
 * kubelet's atomic ConfigMap update on the real disk (inotify), with the default 100 ms debounce:
 * how soon the new snapshot is active, and that a long run of updates never applies a partial or
 * invalid file.
 */
class AtomicSwapOnDiskTest {

    private static final Duration DEBOUNCE = Duration.ofMillis(100);
    private static final Duration NO_POLL = Duration.ofHours(1);
    /** A bound on each wait, not a grade: the swap latency is printed here and graded by the benchmarks. */
    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final int SWAPS = 200;

    @TempDir
    Path disk;
    private WatchedConfig config;

    @AfterEach
    void closeTheWatcher() {
        if (config != null) {
            config.close();
        }
    }

    @Test
    void eachSwapBecomesActiveAndItsLatencyIsReported() {
        config = WatchedConfig.mount(disk.resolve("toolsets"), WatchedConfig.config(0));
        config.watch(DEBOUNCE, NO_POLL, true);
        List<Long> latencies = new ArrayList<>(SWAPS);

        for (int version = 1; version <= SWAPS; version++) {
            String content = WatchedConfig.config(version);
            long start = System.nanoTime();
            config.volume.update(WatchedConfig.KEY, content);
            config.awaitActive(content, WITHIN);
            latencies.add(System.nanoTime() - start);
        }

        Collections.sort(latencies);
        double p50 = latencies.get(SWAPS / 2 - 1) / 1e6;
        double p90 = latencies.get(SWAPS * 9 / 10 - 1) / 1e6;
        double max = latencies.get(SWAPS - 1) / 1e6;
        System.out.printf(Locale.ROOT, "atomic ConfigMap swap -> new snapshot active (real disk, inotify, debounce %d ms,"
                + " %d swaps): p50 %.1f ms, p90 %.1f ms, max %.1f ms%n", DEBOUNCE.toMillis(), SWAPS, p50, p90, max);
        assertEquals(SWAPS + 1, config.core.queries().activeSnapshot().generation());
    }

    @Test
    void twoHundredSwapsInARowEndWithTheLastActiveAndNeverApplyAPartialOrInvalidFile() {
        config = WatchedConfig.mount(disk.resolve("toolsets"), WatchedConfig.config(0));
        config.watch(DEBOUNCE, NO_POLL, true);
        Set<Checksum> valid = new HashSet<>(Set.of(WatchedConfig.checksum(WatchedConfig.config(0))));
        Set<Checksum> invalid = new HashSet<>();

        String last = null;
        for (int version = 1; version <= SWAPS; version++) {
            String content;
            if (version % 10 == 3) {
                content = "discovered:\n  - name: kubernetes/core\n    enabled: [true\n# " + version + "\n";
                invalid.add(WatchedConfig.checksum(content));
            } else if (version % 10 == 7) {
                content = "discovered:\n  - name: kubernetes/core\n    enabled: maybe\n# " + version + "\n";
                invalid.add(WatchedConfig.checksum(content));
            } else {
                content = WatchedConfig.config(version);
                valid.add(WatchedConfig.checksum(content));
            }
            config.volume.update(WatchedConfig.KEY, content);
            last = content;
        }

        config.awaitActive(last, WITHIN);
        List<ToolsetEvent.ConfigApplied> applied = config.applied();
        assertTrue(applied.size() >= 2, applied::toString);
        for (ToolsetEvent.ConfigApplied event : applied) {
            Checksum checksum = event.current().checksum();
            assertTrue(valid.contains(checksum), () -> "applied a snapshot that was never a whole valid file: "
                    + checksum + (invalid.contains(checksum) ? " (an invalid one)" : ""));
            assertEquals(1, event.current().toolsets().size());
        }
        assertTrue(config.reloads().stream().noneMatch(r -> r.outcome() instanceof ReloadOutcome.Error),
                () -> "a reader saw no file mid-swap: " + config.reloads());
        assertTrue(config.reloads(ReloadTrigger.WATCH) < SWAPS / 2,
                () -> config.reloads(ReloadTrigger.WATCH) + " re-checks for " + SWAPS + " swaps");
    }
}
