package org.toolsetconfig.adapters.filesystem;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.application.port.in.ReloadConfigurationUseCase;
import org.toolsetconfig.application.testing.LiveThreads;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;

/** The watcher on Jimfs (polling WatchService) and on the real disk (inotify). */
class ConfigDirectoryWatcherTest {

    private static final Duration DEBOUNCE = Duration.ofMillis(100);
    private static final Duration NO_POLL = Duration.ofHours(1);
    private static final Duration BOUND = Duration.ofSeconds(5);

    @TempDir
    Path disk;
    private FileSystem jimfs;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger watcherLogger = (Logger) LoggerFactory.getLogger(ConfigDirectoryWatcher.class);
    private WatchedConfig config;

    @BeforeEach
    void setUp() {
        jimfs = Medium.jimfs(10);
        log.start();
        watcherLogger.addAppender(log);
        watcherLogger.setLevel(Level.INFO);
        watcherLogger.setAdditive(false); // asserted here, not printed
    }

    @AfterEach
    void tearDown() throws IOException {
        if (config != null) {
            config.close();
        }
        watcherLogger.detachAppender(log);
        watcherLogger.setLevel(null);
        watcherLogger.setAdditive(true);
        jimfs.close();
        assertEquals(List.of(), watcherThreads(), "watcher threads left running");
    }

    private static List<String> watcherThreads() {
        return LiveThreads.named(ConfigDirectoryWatcher.THREAD_NAME);
    }

    /** What the watcher has logged so far; its threads append while a test reads. */
    private List<ILoggingEvent> logEvents() {
        synchronized (log) { // AppenderBase.doAppend appends under the appender's own monitor
            return List.copyOf(log.list);
        }
    }

    private long logged(String event) {
        return logEvents().stream().filter(e -> e.getFormattedMessage().equals(event)).count();
    }

    private WatchedConfig mount(Medium medium, String content) {
        config = WatchedConfig.mount(medium.directory(jimfs, disk), content);
        return config;
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void anAtomicConfigMapUpdateIsPickedUpByTheWatch(Medium medium) {
        WatchedConfig watched = mount(medium, WatchedConfig.config(1));
        watched.watch(DEBOUNCE, NO_POLL, true);

        watched.volume.update(WatchedConfig.KEY, WatchedConfig.config(2));

        watched.awaitActive(WatchedConfig.config(2), BOUND);
        assertTrue(watched.reloads(ReloadTrigger.WATCH) >= 1, () -> "re-checks: " + watched.reloads());
        assertEquals(0, watched.reloads(ReloadTrigger.POLL));
        assertEquals(2, watched.core.queries().activeSnapshot().generation());
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void aChangeBetweenTheFirstLoadAndTheStartOfTheWatchIsPickedUp(Medium medium) {
        WatchedConfig watched = mount(medium, WatchedConfig.config(1));
        watched.volume.update(WatchedConfig.KEY, WatchedConfig.config(2)); // no watch yet: no event

        watched.watch(DEBOUNCE, NO_POLL, true);

        watched.awaitActive(WatchedConfig.config(2), BOUND);
        assertEquals(0, watched.reloads(ReloadTrigger.POLL));
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void deletingTheFileKeepsTheSnapshotAndReportsAnErrorUntilItIsBack(Medium medium) {
        WatchedConfig watched = mount(medium, WatchedConfig.config(1));
        Checksum first = watched.active();
        watched.watch(DEBOUNCE, NO_POLL, true);

        watched.volume.update(java.util.Map.of("other.yaml", "unrelated: true\n"));

        Await.until(BOUND, () -> watched.reloads().stream().anyMatch(r -> r.outcome() instanceof ReloadOutcome.Error),
                () -> "an error re-check; reloads: " + watched.reloads());
        ReloadOutcome.Error error = watched.reloads().stream().map(ToolsetEvent.ReloadCompleted::outcome)
                .filter(ReloadOutcome.Error.class::isInstance).map(ReloadOutcome.Error.class::cast)
                .findFirst().orElseThrow();
        assertEquals(ReloadOutcome.ErrorKind.NOT_FOUND, error.kind());
        assertEquals("error", error.wireName());
        assertEquals(first, watched.active());

        watched.volume.update(WatchedConfig.KEY, WatchedConfig.config(2));

        watched.awaitActive(WatchedConfig.config(2), BOUND);
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void deletingTheFileHealsOnThePollWhenThereIsNoWatch(Medium medium) throws IOException {
        WatchedConfig watched = mount(medium, WatchedConfig.config(1));
        Path file = watched.volume.file(WatchedConfig.KEY);
        Files.delete(file);
        watched.watch(DEBOUNCE, Duration.ofMillis(50), false);
        Await.until(BOUND, () -> watched.reloads().stream().anyMatch(r -> r.outcome() instanceof ReloadOutcome.Error),
                () -> "an error re-check");

        Files.write(file, WatchedConfig.config(2).getBytes(StandardCharsets.UTF_8));

        watched.awaitActive(WatchedConfig.config(2), BOUND);
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void aBurstOfUpdatesCostsFarFewerReChecksThanUpdates(Medium medium) {
        WatchedConfig watched = mount(medium, WatchedConfig.config(0));
        watched.watch(DEBOUNCE, NO_POLL, true);

        // Back to back, so the burst fits in one debounce period on any machine: pacing the writer by
        // sleeps made the count depend on how slow the machine was (issue #21).
        for (int version = 1; version <= 20; version++) {
            watched.volume.update(WatchedConfig.KEY, WatchedConfig.config(version));
        }
        watched.awaitActive(WatchedConfig.config(20), BOUND);
        awaitQuiet(watched);

        long rechecks = watched.reloads(ReloadTrigger.WATCH);
        assertTrue(rechecks >= 1 && rechecks <= 6, () -> rechecks + " re-checks for 20 updates");
    }

    /** Waits (bounded) until no re-check has happened for three debounce periods. */
    private static void awaitQuiet(WatchedConfig watched) {
        long[] last = {watched.reloads().size(), System.nanoTime()};
        Await.until(BOUND, () -> {
            int now = watched.reloads().size();
            if (now != last[0]) {
                last[0] = now;
                last[1] = System.nanoTime();
            }
            return System.nanoTime() - last[1] > DEBOUNCE.multipliedBy(3).toNanos();
        }, () -> "re-checks to stop");
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void aLostWatchIsRegisteredAgainAndCatchesUp(Medium medium) throws IOException {
        Path directory = medium.directory(jimfs, disk).resolve("volume");
        config = WatchedConfig.mount(directory, WatchedConfig.config(1));
        config.watch(DEBOUNCE, NO_POLL, true);

        // The volume goes away (and the watch key with it), then comes back with new content.
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        Await.until(BOUND, () -> logged("config_watch_key_invalid_reregistering") == 1
                        && config.reloads().stream().anyMatch(r -> r.outcome() instanceof ReloadOutcome.Error),
                () -> "the invalid key noticed and the deletion re-checked; log: " + logEvents());
        org.toolsetconfig.adapters.filesystem.testing.ConfigMapVolume.mount(directory, WatchedConfig.KEY,
                WatchedConfig.config(2));

        config.awaitActive(WatchedConfig.config(2), BOUND);
        // A re-check already queued may see the new volume before the retry registers the watch.
        Await.until(BOUND, () -> logged("config_watch_registered") == 1, () -> "the watch registered again");
        assertEquals(0, config.reloads(ReloadTrigger.POLL));
    }

    @Test
    void anOverflowAsksForAReCheck() throws IOException {
        // A slow-polling Jimfs: its key queues 256 events at most. 600 entries overflow it even if
        // one poll happens to fall in the middle of creating them.
        try (FileSystem slow = Medium.jimfs(400)) {
            Path directory = Files.createDirectories(slow.getPath("/config"));
            Path file = Files.write(directory.resolve(WatchedConfig.KEY), "a: 1\n".getBytes(StandardCharsets.UTF_8));
            AtomicInteger reloads = new AtomicInteger();
            try (ConfigDirectoryWatcher watcher = new ConfigDirectoryWatcher(file, counting(reloads), DEBOUNCE)) {
                watcher.start();
                for (int i = 0; i < 600; i++) {
                    Files.createFile(directory.resolve("entry-" + i));
                }
                Await.until(BOUND, () -> logged("config_watch_overflow_rechecking") >= 1 && reloads.get() >= 1,
                        () -> "an overflow and a re-check; log: " + logEvents());
            }
        }
    }

    @Test
    void aReCheckThatThrowsEvenAnErrorIsLoggedAndTheWatchGoesOn() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        ReloadConfigurationUseCase failingOnce = new ReloadConfigurationUseCase() {
            @Override
            public ReloadOutcome reload(ReloadTrigger trigger) {
                if (calls.incrementAndGet() == 1) {
                    throw new OutOfMemoryError("a decoder that blew up");
                }
                return new ReloadOutcome.ConfigUnchanged(Checksum.sha256(new byte[0]));
            }

            @Override
            public ReloadOutcome startup() {
                throw new UnsupportedOperationException();
            }
        };
        try (ConfigDirectoryWatcher watcher = new ConfigDirectoryWatcher(disk.resolve(WatchedConfig.KEY), failingOnce,
                Duration.ZERO)) {
            watcher.start(); // its first re-check throws
            Await.until(BOUND, () -> logged("config_recheck_failed") == 1, () -> "the failure logged; " + logEvents());

            Files.writeString(disk.resolve("changed"), "x");

            Await.until(BOUND, () -> calls.get() >= 2, () -> "a re-check after the failure");
        }
        ILoggingEvent failure = logEvents().stream()
                .filter(e -> e.getFormattedMessage().equals("config_recheck_failed")).findFirst().orElseThrow();
        assertEquals(Level.ERROR, failure.getLevel());
        assertTrue(failure.getThrowableProxy().getMessage().contains("a decoder that blew up"));
    }

    /** Issue 19: a directory replaced by a rename keeps an inotify watch on the old inode, silently. */
    @Test
    void aDirectoryReplacedByARenameIsWatchedAgainWithAWarning() throws IOException {
        config = WatchedConfig.mount(disk.resolve("volume"), WatchedConfig.config(1));
        Path directory = disk.resolve("volume");
        config.watch(DEBOUNCE, NO_POLL, true);
        Path replacement = disk.resolve("replacement");
        org.toolsetconfig.adapters.filesystem.testing.ConfigMapVolume.mount(replacement, WatchedConfig.KEY,
                WatchedConfig.config(2));

        Files.move(directory, disk.resolve("old-volume"));
        Files.move(replacement, directory);

        config.awaitActive(WatchedConfig.config(2), BOUND);
        Await.until(BOUND, () -> logged("config_watch_directory_replaced_reregistering") == 1,
                () -> "the replacement noticed; log: " + logEvents());
        ILoggingEvent warning = logEvents().stream()
                .filter(e -> e.getFormattedMessage().equals("config_watch_directory_replaced_reregistering"))
                .findFirst().orElseThrow();
        assertEquals(Level.WARN, warning.getLevel());
        // The watch now follows the new directory: a change inside it is seen without a poll.
        config.volume.update(WatchedConfig.KEY, WatchedConfig.config(3));
        config.awaitActive(WatchedConfig.config(3), BOUND);
        assertEquals(0, config.reloads(ReloadTrigger.POLL));
    }

    @Test
    void startIsIdempotentCloseIsIdempotentAndAClosedWatcherCannotRestart() {
        AtomicInteger reloads = new AtomicInteger();
        ConfigDirectoryWatcher watcher = new ConfigDirectoryWatcher(disk.resolve(WatchedConfig.KEY),
                counting(reloads), DEBOUNCE);

        watcher.start();
        watcher.start();
        assertEquals(1, watcherThreads().size(), watcherThreads()::toString);
        watcher.close();
        assertEquals(List.of(), watcherThreads());
        assertDoesNotThrow(watcher::close);
        assertThrows(IllegalStateException.class, watcher::start);
        assertEquals(1, logged("config_watcher_started"));
        assertEquals(1, logged("config_watcher_stopped"));
    }

    @Test
    void aFileSystemWithoutAWatchServiceLeavesThePollAloneAndSaysSo() throws IOException {
        // A zip file system is a real one that offers no WatchService (it throws UnsupportedOperationException).
        Path zip = disk.resolve("volume.zip");
        AtomicInteger reloads = new AtomicInteger();
        try (FileSystem zipfs = java.nio.file.FileSystems.newFileSystem(zip, java.util.Map.of("create", "true"))) {
            Path file = Files.writeString(zipfs.getPath("/" + WatchedConfig.KEY), WatchedConfig.config(1));
            try (ConfigDirectoryWatcher watcher = new ConfigDirectoryWatcher(file, counting(reloads), DEBOUNCE)) {
                watcher.start();

                assertEquals(List.of(), watcherThreads(), "no thread watches what cannot be watched");
                ILoggingEvent warning = logEvents().stream()
                        .filter(e -> e.getMessage().equals("config_watch_unavailable_polling_only")).findFirst()
                        .orElseThrow(() -> new AssertionError("no warning in " + logEvents()));
                assertEquals(Level.WARN, warning.getLevel());
                assertEquals(0, logged("config_watcher_started"));
            }
        }
        assertEquals(0, reloads.get());
    }

    @Test
    void closingAWatcherThatNeverStartedIsFine() {
        ConfigDirectoryWatcher watcher = new ConfigDirectoryWatcher(disk.resolve(WatchedConfig.KEY),
                counting(new AtomicInteger()), DEBOUNCE);

        assertDoesNotThrow(watcher::close);
        assertThrows(IllegalStateException.class, watcher::start);
    }

    @Test
    void aMissingDirectoryAtStartIsWatchedOnceItAppears() throws IOException {
        Path directory = disk.resolve("not-yet");
        AtomicInteger reloads = new AtomicInteger();
        try (ConfigDirectoryWatcher watcher = new ConfigDirectoryWatcher(directory.resolve(WatchedConfig.KEY),
                counting(reloads), Duration.ZERO)) {
            watcher.start();
            assertEquals(1, logged("config_watch_register_failed"));

            Files.createDirectories(directory);

            Await.until(BOUND, () -> reloads.get() >= 1, () -> "a re-check once the directory is watched");
            assertEquals(1, logged("config_watch_register_failed"), "the retry is logged once, not every second");
        }
    }

    @Test
    void refusesImpossibleTimings() {
        Path file = disk.resolve(WatchedConfig.KEY);
        ReloadConfigurationUseCase reloads = counting(new AtomicInteger());

        assertThrows(IllegalArgumentException.class,
                () -> new ConfigDirectoryWatcher(file, reloads, Duration.ofMillis(-1)));
    }

    private static ReloadConfigurationUseCase counting(AtomicInteger calls) {
        return new ReloadConfigurationUseCase() {
            @Override
            public ReloadOutcome reload(ReloadTrigger trigger) {
                calls.incrementAndGet();
                return new ReloadOutcome.ConfigUnchanged(Checksum.sha256(new byte[0]));
            }

            @Override
            public ReloadOutcome startup() {
                return assertInstanceOf(ReloadOutcome.class, reload(ReloadTrigger.STARTUP));
            }
        };
    }
}
