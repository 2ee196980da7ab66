package org.toolsetconfig.adapters.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.FileSystem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.adapters.filesystem.testing.ConfigMapVolume;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.in.PendingReload;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.port.in.RecordFailureResult;
import org.toolsetconfig.application.port.in.RegisterSessionResult;
import org.toolsetconfig.application.port.in.UnregisterSessionResult;
import org.toolsetconfig.application.port.out.ConfigSource;
import org.toolsetconfig.application.port.out.SourceRead;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.service.ToolsetConfigCore;
import org.toolsetconfig.application.testing.MutableClock;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.ReloadPolicy;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.SessionId;
import org.toolsetconfig.domain.ToolsetName;

/**
 * 8 threads × 100 000 mixed operations on 100 toolsets, through the production path minus HTTP: a
 * ConfigMap volume on Jimfs, the file source, the YAML decoder, the core and the directory watcher.
 * Failures, successes, sessions, manual reloads, sweeps, file swaps (one in four invalid) and reads
 * interleave while a shared clock moves forward. At the end every total is exact, no toolset
 * re-checked the file more often than its cooldown allows, nothing deadlocked (every wait is
 * bounded, a timeout dumps the threads) and no thread is left behind.
 */
class LoadTest {

    private static final int THREADS = 8;
    private static final int OPERATIONS = 100_000;
    private static final int TOOLSETS = 100;
    private static final Duration COOLDOWN = Duration.ofSeconds(60);
    private static final Duration TICK = Duration.ofMillis(100);
    private static final Duration BOUND = Duration.ofMinutes(3);
    private static final List<String> ERROR_TYPES = List.of("Timeout", "ConnectionRefused", "Unauthorized",
            "DnsFailure", "InternalError");

    /** Counts events by type; keeps only the forced re-checks, whose instants are checked against the cooldown. */
    private static final class Counting implements org.toolsetconfig.application.port.out.ToolsetEventListener {
        final Map<Class<?>, LongAdder> counts = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<ToolsetEvent.FailureThresholdReached> forced = new ConcurrentLinkedQueue<>();
        final Set<Checksum> applied = ConcurrentHashMap.newKeySet();

        @Override
        public void onEvent(ToolsetEvent event) {
            counts.computeIfAbsent(event.getClass(), type -> new LongAdder()).increment();
            if (event instanceof ToolsetEvent.FailureThresholdReached reached) {
                forced.add(reached);
            } else if (event instanceof ToolsetEvent.ConfigApplied apply) {
                applied.add(apply.current().checksum());
            }
        }

        long count(Class<?> type) {
            LongAdder adder = counts.get(type);
            return adder == null ? 0 : adder.sum();
        }
    }

    /** A source that records whether two reads ever overlapped: the reloader must serialize them. */
    private static final class Serialized implements ConfigSource {
        private final ConfigSource source;
        private final AtomicInteger inFlight = new AtomicInteger();
        private volatile boolean overlapped;

        Serialized(ConfigSource source) {
            this.source = source;
        }

        @Override
        public SourceRead read() {
            if (inFlight.incrementAndGet() > 1) {
                overlapped = true;
            }
            try {
                return source.read();
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    /** What one thread did, to be summed and compared with what the service counted. */
    private static final class Tally {
        final long[] failures = new long[TOOLSETS];
        long successes;
        long registered;
        long unregistered;
        long unregisterNotFound;
        long manualReloads;
        long swaps;
        long sweeps;
        long expiredBySweep;
        long reads;
    }

    private static String name(int toolset) {
        return String.format(Locale.ROOT, "team-%02d/toolset-%03d", toolset % 10, toolset);
    }

    private static String document(int version, boolean valid) {
        StringBuilder yaml = new StringBuilder("discovered:\n");
        for (int i = 0; i < TOOLSETS; i++) {
            yaml.append("  - name: ").append(name(i)).append("\n    enabled: ").append(valid ? "true" : "maybe")
                    .append("\n    priority: ").append((i * 7 + version) % 10).append('\n');
        }
        return yaml.append("# version ").append(version).append('\n').toString();
    }

    @Test
    void eightThreadsOfMixedOperationsKeepExactTotalsRespectTheCooldownAndLeaveNoThreadBehind() throws Exception {
        Set<String> threadsBefore = liveThreadNames();
        MutableClock clock = MutableClock.atEpochPlusOneDay();
        Instant start = clock.instant();
        Counting events = new Counting();
        try (FileSystem jimfs = Medium.jimfs(20)) {
            ConfigMapVolume volume = ConfigMapVolume.mount(jimfs.getPath("/etc/kubernaut/toolsets"),
                    WatchedConfig.KEY, document(0, true));
            Serialized source = new Serialized(new FileConfigSource(volume.file(WatchedConfig.KEY), 1_048_576));
            CoreSettings settings = CoreSettings.defaults().withReloadPolicy(new ReloadPolicy(3, COOLDOWN));
            ToolsetConfigCore core = ToolsetConfigCore.builder().configSource(source)
                    .configDecoder(new YamlConfigDecoder(1_048_576)).clock(clock).settings(settings)
                    .structuredLogging(false).eventListener(events).build();
            core.reloads().startup();
            ConfigDirectoryWatcher watcher = new ConfigDirectoryWatcher(volume.file(WatchedConfig.KEY), core.reloads(),
                    Duration.ofMillis(10));
            watcher.start();

            AtomicInteger versions = new AtomicInteger();
            Map<Integer, Boolean> validity = new ConcurrentHashMap<>();
            validity.put(0, true);
            List<Tally> tallies = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS, runnable -> new Thread(runnable, "load"));
            long began = System.nanoTime();
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Tally>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        go.await();
                        return run(thread, core, clock, volume, versions, validity);
                    }));
                }
                go.countDown();
                for (Future<Tally> future : futures) {
                    try {
                        tallies.add(future.get(BOUND.toMillis(), TimeUnit.MILLISECONDS));
                    } catch (java.util.concurrent.TimeoutException e) {
                        fail("no progress within " + BOUND + " (deadlock?)\n" + threadDump());
                    }
                }
            } finally {
                pool.shutdownNow();
                // Closed whatever happened above: a watcher left running would fail every later watcher test.
                watcher.close();
                assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "the load threads ended");
            }
            long took = System.nanoTime() - began;

            // ---- exact totals ----
            long[] failures = new long[TOOLSETS];
            Tally sum = new Tally();
            for (Tally tally : tallies) {
                for (int i = 0; i < TOOLSETS; i++) {
                    failures[i] += tally.failures[i];
                }
                sum.successes += tally.successes;
                sum.registered += tally.registered;
                sum.unregistered += tally.unregistered;
                sum.unregisterNotFound += tally.unregisterNotFound;
                sum.manualReloads += tally.manualReloads;
                sum.swaps += tally.swaps;
                sum.sweeps += tally.sweeps;
                sum.expiredBySweep += tally.expiredBySweep;
                sum.reads += tally.reads;
            }
            long totalFailures = Arrays.stream(failures).sum();
            Map<ToolsetName, FailureRecord> records = core.queries().failures().stream()
                    .collect(Collectors.toMap(FailureRecord::toolset, record -> record));
            for (int i = 0; i < TOOLSETS; i++) {
                FailureRecord record = records.get(ToolsetName.of(name(i)));
                assertEquals(failures[i], record == null ? 0 : record.totalFailures(), name(i));
            }
            assertEquals(totalFailures, events.count(ToolsetEvent.FailureRecorded.class));
            assertEquals(sum.successes, events.count(ToolsetEvent.SuccessRecorded.class));
            assertEquals(sum.registered, events.count(ToolsetEvent.SessionRegistered.class));
            assertEquals(sum.unregistered, events.count(ToolsetEvent.SessionUnregistered.class));
            clock.advance(settings.sessionTtl().plusSeconds(1));
            long expiredAtTheEnd = core.sessions().sweep();
            long expired = sum.expiredBySweep + expiredAtTheEnd;
            assertEquals(expired, events.count(ToolsetEvent.SessionExpired.class));
            assertTrue(sum.unregisterNotFound <= sum.expiredBySweep, "only an expired session is not found");
            assertEquals(sum.registered, sum.unregistered + expired, "every session ended exactly one way");
            assertEquals(0, core.sessions().sessions().size());
            long forced = events.forced.size();
            assertEquals(forced, events.count(ToolsetEvent.AutoReloadCompleted.class));
            long manual = sum.manualReloads;
            long reloads = events.count(ToolsetEvent.ReloadCompleted.class);
            assertTrue(reloads >= 1 + manual + forced, "startup + manual + forced re-checks, plus watch ones");
            assertEquals(false, source.overlapped, "two re-checks read the file at once");

            // ---- the cooldown bounds each toolset's forced re-checks ----
            Map<ToolsetName, List<Instant>> byToolset = new HashMap<>();
            events.forced.forEach(reached -> byToolset.computeIfAbsent(reached.toolset(), k -> new ArrayList<>())
                    .add(reached.at()));
            Duration elapsed = Duration.between(start, clock.instant());
            long bound = elapsed.toMillis() / COOLDOWN.toMillis() + 1;
            long maxPerToolset = 0;
            for (Map.Entry<ToolsetName, List<Instant>> entry : byToolset.entrySet()) {
                List<Instant> instants = entry.getValue();
                instants.sort(null);
                maxPerToolset = Math.max(maxPerToolset, instants.size());
                assertTrue(instants.size() <= bound, entry.getKey() + " re-checked " + instants.size() + " times in "
                        + elapsed + " with a cooldown of " + COOLDOWN);
                for (int i = 1; i < instants.size(); i++) {
                    Duration gap = Duration.between(instants.get(i - 1), instants.get(i));
                    assertTrue(gap.compareTo(COOLDOWN) >= 0, entry.getKey() + " re-checked again after " + gap);
                }
            }

            // ---- the end state: no invalid file was ever applied; a last valid one is, with nothing pending ----
            assertEquals(0, core.sessions().sweep());
            for (Map.Entry<Integer, Boolean> version : validity.entrySet()) {
                if (!version.getValue()) {
                    assertTrue(!events.applied.contains(WatchedConfig.checksum(document(version.getKey(), false))),
                            "version " + version.getKey() + " was invalid and was applied");
                }
            }
            String last = document(versions.get() + 1, true);
            volume.update(WatchedConfig.KEY, last);
            core.reloads().reload(ReloadTrigger.MANUAL);
            assertEquals(Optional.<PendingReload>empty(), core.queries().pendingReload());
            assertEquals(WatchedConfig.checksum(last), core.queries().activeSnapshot().checksum());
            assertEquals(TOOLSETS, core.queries().activeSnapshot().toolsets().size());

            long operations = (long) THREADS * OPERATIONS;
            System.out.printf(Locale.ROOT, "[reliability] load.ops=%d threads=%d toolsets=%d seconds=%.1f ops_per_s=%.0f"
                            + " failures=%d successes=%d sessions=%d expired=%d manual_reloads=%d swaps=%d sweeps=%d"
                            + " reads=%d rechecks_total=%d forced=%d max_forced_per_toolset=%d bound=%d clock=%s%n",
                    operations, THREADS, TOOLSETS, took / 1e9, operations / (took / 1e9), totalFailures,
                    sum.successes, sum.registered, expired, manual, sum.swaps, sum.sweeps, sum.reads,
                    reloads, forced, maxPerToolset, bound, elapsed);
        }
        // ---- no thread left behind ----
        Set<String> left = liveThreadNames();
        left.removeAll(threadsBefore);
        left.removeIf(name -> name.startsWith("ForkJoinPool") || name.startsWith("surefire"));
        assertEquals(Set.of(), left, "threads left running");
    }

    private static Tally run(int thread, ToolsetConfigCore core, MutableClock clock, ConfigMapVolume volume,
                             AtomicInteger versions, Map<Integer, Boolean> validity) {
        SplittableRandom random = new SplittableRandom(20_261_128L + thread);
        Tally tally = new Tally();
        ArrayDeque<SessionId> open = new ArrayDeque<>();
        int sessionNumber = 0;
        for (int op = 0; op < OPERATIONS; op++) {
            int dice = random.nextInt(1000);
            int toolset = random.nextInt(TOOLSETS);
            if (dice < 450) {
                RecordFailureResult result = core.outcomes().recordFailure(RecordFailureCommand.of(
                        ToolsetName.of(name(toolset)), ERROR_TYPES.get(random.nextInt(ERROR_TYPES.size())), "load " + op));
                if (result instanceof RecordFailureResult.Recorded) {
                    tally.failures[toolset]++;
                }
            } else if (dice < 750) {
                core.outcomes().recordSuccess(ToolsetName.of(name(toolset)));
                tally.successes++;
            } else if (dice < 850) {
                if (open.size() < 5 && (open.isEmpty() || random.nextBoolean())) {
                    SessionId id = SessionId.of("load-" + thread + "-" + sessionNumber++);
                    if (core.sessions().register(id) instanceof RegisterSessionResult.Created) {
                        tally.registered++;
                        if (random.nextInt(50) != 0) {
                            open.add(id);
                        } // else an investigation that crashed: it never unregisters, the sweeper expires it
                    }
                } else {
                    UnregisterSessionResult result = core.sessions().unregister(open.poll());
                    if (result instanceof UnregisterSessionResult.Unregistered) {
                        tally.unregistered++;
                    } else {
                        tally.unregisterNotFound++;
                    }
                }
            } else if (dice < 900) {
                core.queries().toolset(ToolsetName.of(name(toolset)));
                core.queries().status();
                tally.reads++;
            } else if (dice < 940) {
                core.reloads().reload(ReloadTrigger.MANUAL);
                tally.manualReloads++;
            } else if (dice < 945) {
                tally.expiredBySweep += core.sessions().sweep();
                tally.sweeps++;
            } else if (dice < 947) {
                synchronized (versions) {
                    int version = versions.incrementAndGet();
                    boolean valid = version % 4 != 0;
                    validity.put(version, valid);
                    volume.update(WatchedConfig.KEY, document(version, valid));
                }
                tally.swaps++;
            } else {
                clock.advance(TICK);
            }
        }
        // Close what this thread opened; sessions the sweeper expired are not found.
        for (SessionId id : open) {
            if (core.sessions().unregister(id) instanceof UnregisterSessionResult.Unregistered) {
                tally.unregistered++;
            } else {
                tally.unregisterNotFound++;
            }
        }
        return tally;
    }

    private static Set<String> liveThreadNames() {
        return new java.util.HashSet<>(org.toolsetconfig.application.testing.LiveThreads.named(""));
    }

    private static String threadDump() {
        StringBuilder dump = new StringBuilder();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            dump.append(info);
        }
        return dump.toString();
    }
}
