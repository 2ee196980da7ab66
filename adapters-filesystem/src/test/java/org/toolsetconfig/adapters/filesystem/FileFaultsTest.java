package org.toolsetconfig.adapters.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.adapters.filesystem.testing.ConfigMapVolume;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.service.ToolsetConfigCore;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;

/**
 * Faults of the file and of the watch under the real watcher and core, on Jimfs and on the real
 * disk. Throughout each test a sampler thread reads the active snapshot as fast as it can: it must
 * never see the snapshot lost (generation 0) or replaced by a document that was invalid, and at the
 * end the active configuration is the last valid file.
 */
class FileFaultsTest {

    private static final Duration DEBOUNCE = Duration.ofMillis(20);
    private static final Duration NO_POLL = Duration.ofHours(1);
    /** Changes inside the timestamped payload directory are not events of the watched directory on Linux. */
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    Path disk;
    private FileSystem jimfs;
    private WatchedConfig config;
    private Sampler sampler;
    private ConfigDirectoryWatcher watcher;
    private final Set<Checksum> invalid = ConcurrentHashMap.newKeySet();
    private final Logger watcherLogger = (Logger) LoggerFactory.getLogger(ConfigDirectoryWatcher.class);
    private final ListAppender<ILoggingEvent> watcherLog = new ListAppender<>();

    @BeforeEach
    void openJimfs() {
        jimfs = Medium.jimfs(10);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (sampler != null) {
            sampler.stop();
        }
        if (watcher != null) {
            watcher.close();
        }
        if (config != null) {
            config.close();
        }
        watcherLogger.detachAppender(watcherLog);
        watcherLogger.setAdditive(true);
        jimfs.close();
    }

    /** Takes the watcher's log lines for a test that provokes its WARN, to assert rather than print. */
    private void captureWatcherLog() {
        watcherLog.start();
        watcherLogger.addAppender(watcherLog);
        watcherLogger.setAdditive(false);
    }

    private boolean watcherWarned(String event) {
        synchronized (watcherLog) { // the watch thread appends under the appender's monitor
            return watcherLog.list.stream().anyMatch(e -> e.getMessage().equals(event)
                    && e.getLevel() == ch.qos.logback.classic.Level.WARN);
        }
    }

    /** Reads the active snapshot in a loop and remembers anything that should never be seen. */
    private final class Sampler {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong samples = new AtomicLong();
        private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        private final Thread thread;

        Sampler(WatchedConfig watched) {
            thread = new Thread(() -> {
                long lastGeneration = 0;
                while (running.get()) {
                    ConfigSnapshot active = watched.core.queries().activeSnapshot();
                    if (!active.isLoaded()) {
                        violations.add("the active snapshot was lost");
                    } else if (invalid.contains(active.checksum())) {
                        violations.add("an invalid document became active: generation " + active.generation());
                    } else if (active.generation() < lastGeneration) {
                        violations.add("the generation went back from " + lastGeneration + " to " + active.generation());
                    }
                    lastGeneration = active.generation();
                    samples.incrementAndGet();
                    Thread.onSpinWait();
                }
            }, "active-snapshot-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() {
            running.set(false);
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void assertNothingSeen() {
            stop();
            assertEquals(List.of(), List.copyOf(violations));
            assertTrue(samples.get() > 0);
        }
    }

    private WatchedConfig mount(Medium medium, String content, Duration poll) {
        config = WatchedConfig.mount(medium.directory(jimfs, disk).resolve("volume"), content);
        watcher = config.watch(DEBOUNCE, poll, true);
        sampler = new Sampler(config);
        return config;
    }

    private static String invalidDocument(int version) {
        return "discovered:\n  - name: kubernetes/core\n    enabled: maybe\n# " + version + "\n";
    }

    private void assertNoInvalidApplied(WatchedConfig watched) {
        for (ToolsetEvent.ConfigApplied applied : watched.applied()) {
            assertTrue(!invalid.contains(applied.current().checksum()), "applied an invalid document");
        }
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void aDeletedFileKeepsTheSnapshotAndTheNextValidFileIsApplied(Medium medium) throws IOException {
        WatchedConfig watched = mount(medium, WatchedConfig.config(1), POLL);
        Path target = watched.volume.currentDataDirectory().orElseThrow().resolve(WatchedConfig.KEY);

        Files.delete(target); // the payload file itself, behind both symlinks: only the poll sees this on Linux

        Await.until(BOUND, () -> watched.reloads().stream().anyMatch(r -> r.outcome() instanceof ReloadOutcome.Error e
                && e.kind() == ReloadOutcome.ErrorKind.NOT_FOUND), () -> "not_found re-check: " + watched.reloads());
        assertEquals(WatchedConfig.checksum(WatchedConfig.config(1)), watched.active());
        Files.writeString(target, WatchedConfig.config(2));
        watched.awaitActive(WatchedConfig.config(2), BOUND);
        sampler.assertNothingSeen();
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void aFileReplacedByADirectoryKeepsTheSnapshotUntilAFileIsBack(Medium medium) throws IOException {
        WatchedConfig watched = mount(medium, WatchedConfig.config(1), POLL);
        Path target = watched.volume.currentDataDirectory().orElseThrow().resolve(WatchedConfig.KEY);

        Files.delete(target);
        Files.createDirectory(target);
        Files.writeString(target.resolve("toolsets.yaml"), WatchedConfig.config(9));

        Await.until(BOUND, () -> watched.reloads().stream().anyMatch(r -> r.outcome() instanceof ReloadOutcome.Error e
                && e.kind() == ReloadOutcome.ErrorKind.NOT_A_FILE), () -> "not_a_file re-check: " + watched.reloads());
        assertEquals(WatchedConfig.checksum(WatchedConfig.config(1)), watched.active());
        watched.volume.update(WatchedConfig.KEY, WatchedConfig.config(2));
        watched.awaitActive(WatchedConfig.config(2), BOUND);
        sampler.assertNothingSeen();
    }

    /**
     * A writer editing the file in place is caught half-way: the prefix is re-checked and refused
     * (a flow document, so no prefix of it is valid YAML), then the completed file is applied.
     */
    @ParameterizedTest
    @EnumSource(Medium.class)
    void aFileTruncatedMidWriteIsRefusedAndTheCompletedFileApplied(Medium medium) throws IOException {
        WatchedConfig watched = mount(medium, WatchedConfig.config(1), NO_POLL);
        // An operator's in-place edit: the visible file becomes a plain file, written in two halves.
        Path file = watched.volume.file(WatchedConfig.KEY);
        Files.delete(file);
        Files.writeString(file, WatchedConfig.config(1));
        String complete = "{discovered: [{name: kubernetes/core, enabled: true, version: 2, note: "
                + "x".repeat(4000) + "}]}\n";
        byte[] bytes = complete.getBytes(StandardCharsets.UTF_8);
        byte[] half = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        invalid.add(Checksum.sha256(half));
        invalid.add(Checksum.sha256(new byte[0])); // newOutputStream truncates first

        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(half);
            out.flush();
            Await.until(BOUND, () -> watched.reloads().stream().anyMatch(r -> r.outcome()
                    instanceof ReloadOutcome.ValidationFailed failed && failed.checksum().equals(Checksum.sha256(half))),
                    () -> "the half-written file re-checked: " + watched.reloads());
            assertEquals(WatchedConfig.checksum(WatchedConfig.config(1)), watched.active());
            out.write(bytes, half.length, bytes.length - half.length);
        }

        watched.awaitActive(complete, BOUND);
        assertNoInvalidApplied(watched);
        sampler.assertNothingSeen();
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void dataPointingAtAMissingDirectoryKeepsTheSnapshotUntilTheNextUpdate(Medium medium) throws IOException {
        WatchedConfig watched = mount(medium, WatchedConfig.config(1), NO_POLL);
        Path directory = watched.volume.directory();

        // What a kubelet crash between its steps could leave: ..data renamed to a directory that is gone.
        Path dataTmp = directory.resolve(ConfigMapVolume.DATA_TMP);
        Files.createSymbolicLink(dataTmp, directory.getFileSystem().getPath("..2026_01_01_00_00_00.gone"));
        Files.move(dataTmp, directory.resolve(ConfigMapVolume.DATA), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);

        Await.until(BOUND, () -> watched.reloads().stream().anyMatch(r -> r.outcome() instanceof ReloadOutcome.Error e
                && e.kind() == ReloadOutcome.ErrorKind.NOT_FOUND && e.message().contains("symbolic link")),
                () -> "not_found through the broken ..data: " + watched.reloads());
        assertEquals(WatchedConfig.checksum(WatchedConfig.config(1)), watched.active());
        watched.volume.update(WatchedConfig.KEY, WatchedConfig.config(2));
        watched.awaitActive(WatchedConfig.config(2), BOUND);
        sampler.assertNothingSeen();
    }

    /**
     * 1 000 atomic swaps in a row, one in five invalid: no invalid one is ever active, the snapshot
     * is never lost, the end state is the last file; one more, invalid, swap leaves it active.
     */
    @ParameterizedTest
    @EnumSource(Medium.class)
    void aThousandAtomicSwapsEndWithTheLastValidFileActive(Medium medium) {
        WatchedConfig watched = mount(medium, WatchedConfig.config(0), NO_POLL);
        Set<Checksum> valid = new HashSet<>(Set.of(WatchedConfig.checksum(WatchedConfig.config(0))));
        long start = System.nanoTime();
        for (int version = 1; version <= 1000; version++) {
            String content = version % 5 == 3 ? invalidDocument(version) : WatchedConfig.config(version);
            (version % 5 == 3 ? invalid : valid).add(WatchedConfig.checksum(content));
            watched.volume.update(WatchedConfig.KEY, content);
        }
        long swapping = System.nanoTime() - start;
        watched.awaitActive(WatchedConfig.config(1000), BOUND);

        String broken = invalidDocument(1001);
        invalid.add(WatchedConfig.checksum(broken));
        watched.volume.update(WatchedConfig.KEY, broken);
        Await.until(BOUND, () -> watched.reloads().stream().anyMatch(r -> r.outcome()
                instanceof ReloadOutcome.ValidationFailed failed
                && failed.checksum().equals(WatchedConfig.checksum(broken))), () -> "the invalid swap re-checked");

        assertEquals(WatchedConfig.checksum(WatchedConfig.config(1000)), watched.active(), "the last valid file stays");
        for (ToolsetEvent.ConfigApplied applied : watched.applied()) {
            assertTrue(valid.contains(applied.current().checksum()), "applied a document that was never whole and valid");
        }
        assertNoInvalidApplied(watched);
        sampler.assertNothingSeen();
        System.out.printf(Locale.ROOT, "[reliability] faults.swaps medium=%s swaps=1001 swap_ms=%.0f rechecks=%d "
                + "applied=%d sampler_reads=%d%n", medium, swapping / 1e6, watched.reloads().size(),
                watched.applied().size(), sampler.samples.get());
    }

    /** The watch service closed under the watcher: the poll heals what the watch missed. */
    @ParameterizedTest
    @EnumSource(Medium.class)
    void whenTheWatchServiceIsClosedUnderTheWatcherThePollHeals(Medium medium) throws Exception {
        WatchedConfig watched = mount(medium, WatchedConfig.config(1), Duration.ofMillis(200));
        captureWatcherLog();

        watchServiceOf().close();
        watched.volume.update(WatchedConfig.KEY, WatchedConfig.config(2));

        watched.awaitActive(WatchedConfig.config(2), BOUND);
        sampler.assertNothingSeen();
        Await.until(BOUND, () -> watcherWarned("config_watch_service_closed_reopening"), () -> "the watcher's WARN");
    }

    /** The watch service closed under the watcher: the watcher opens a new one and keeps watching. */
    @ParameterizedTest
    @EnumSource(Medium.class)
    void whenTheWatchServiceIsClosedUnderTheWatcherItIsOpenedAgain(Medium medium) throws Exception {
        WatchedConfig watched = mount(medium, WatchedConfig.config(1), NO_POLL);
        captureWatcherLog();
        WatchService first = watchServiceOf();

        first.close();
        Await.until(BOUND, () -> watchServiceOf() != first, () -> "a new watch service");
        long before = watched.reloads(ReloadTrigger.WATCH);
        watched.volume.update(WatchedConfig.KEY, WatchedConfig.config(2));

        watched.awaitActive(WatchedConfig.config(2), BOUND);
        assertTrue(watched.reloads(ReloadTrigger.WATCH) > before);
        assertEquals(0, watched.reloads(ReloadTrigger.POLL));
        sampler.assertNothingSeen();
        assertTrue(watcherWarned("config_watch_service_closed_reopening"));
    }

    private WatchService watchServiceOf() {
        try {
            Field field = ConfigDirectoryWatcher.class.getDeclaredField("watchService");
            field.setAccessible(true);
            return (WatchService) field.get(watcher);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the watcher keeps its WatchService in a field named watchService", e);
        }
    }

    /**
     * Issue 19 item 4: the source checks "regular file", then opens; a ConfigMap swap that puts a
     * FIFO behind {@code ..data} in between used to block the open, holding the reloader's lock, so
     * every later re-check hung. The swap is made exactly in that window on the real disk.
     */
    @Test
    void aFifoSwappedInBetweenTheCheckAndTheOpenIsAnErrorNotAHang() throws Exception {
        Path volume = Files.createDirectories(disk.resolve("fifo-volume"));
        Path good = Files.createDirectories(volume.resolve("..2026_01_01_good"));
        Files.writeString(good.resolve("toolsets.yaml"), WatchedConfig.config(1));
        Path hostile = Files.createDirectories(volume.resolve("..2026_01_01_fifo"));
        Path fifo = hostile.resolve("toolsets.yaml");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
        Files.createSymbolicLink(volume.resolve("..data"), good.getFileName());
        Files.createSymbolicLink(volume.resolve("toolsets.yaml"), Path.of("..data", "toolsets.yaml"));
        AtomicBoolean armed = new AtomicBoolean();
        FileConfigSource source = new FileConfigSource(volume.resolve("toolsets.yaml"), WatchedConfig.MAX_BYTES,
                Duration.ofMillis(500), () -> {
                    if (armed.getAndSet(false)) {
                        pointData(volume, hostile);
                    }
                });
        ToolsetConfigCore core = ToolsetConfigCore.builder().configSource(source)
                .configDecoder(new YamlConfigDecoder(WatchedConfig.MAX_BYTES)).structuredLogging(false).build();
        assertTrue(core.reloads().startup() instanceof ReloadOutcome.ConfigChanged);
        ConfigSnapshot before = core.queries().activeSnapshot();
        ExecutorService caller = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "fifo-race-reload");
            thread.setDaemon(true);
            return thread;
        });
        try {
            armed.set(true);
            long start = System.nanoTime();
            Future<ReloadOutcome> raced = caller.submit(() -> core.reloads().reload(ReloadTrigger.POLL));

            ReloadOutcome outcome = raced.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            long tookMs = (System.nanoTime() - start) / 1_000_000;

            ReloadOutcome.Error error = assertInstanceOf(ReloadOutcome.Error.class, outcome);
            assertEquals(ReloadOutcome.ErrorKind.NOT_READABLE, error.kind());
            assertTrue(error.message().contains("FIFO"), error::message);
            assertSame(before, core.queries().activeSnapshot());
            // The reloader is free: a FIFO still at the path is refused at once, a good file heals.
            ReloadOutcome again = caller.submit(() -> core.reloads().reload(ReloadTrigger.POLL))
                    .get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(ReloadOutcome.ErrorKind.NOT_A_FILE, assertInstanceOf(ReloadOutcome.Error.class, again).kind());
            pointData(volume, good);
            assertInstanceOf(ReloadOutcome.ConfigUnchanged.class, caller.submit(
                    () -> core.reloads().reload(ReloadTrigger.POLL)).get(BOUND.toMillis(), TimeUnit.MILLISECONDS));
            System.out.println("[reliability] file.fifo-race outcome=" + error.kind() + " took_ms=" + tookMs
                    + " read_timeout_ms=500");
        } finally {
            releaseBlockedReader(fifo);
            caller.shutdownNow();
        }
    }

    /** Re-points {@code ..data} atomically, as kubelet does. */
    private static void pointData(Path volume, Path payload) {
        try {
            Path next = volume.resolve("..data_tmp");
            Files.deleteIfExists(next);
            Files.createSymbolicLink(next, payload.getFileName());
            Files.move(next, volume.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opening the FIFO for writing lets a reader blocked in its open go on (and end). */
    private static void releaseBlockedReader(Path fifo) throws InterruptedException {
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.flush();
            } catch (IOException ignored) {
                // nothing was blocked, or the test directory is gone: nothing to release
            }
        }, "fifo-release");
        writer.setDaemon(true);
        writer.start();
        writer.join(BOUND.toMillis());
    }
}
