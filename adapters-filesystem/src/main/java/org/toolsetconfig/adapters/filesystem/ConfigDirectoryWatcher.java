package org.toolsetconfig.adapters.filesystem;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.application.port.in.ReloadConfigurationUseCase;
import org.toolsetconfig.domain.ReloadTrigger;

/**
 * Asks for a re-check (trigger {@code watch}) when the configuration file's directory changes
 * (DESIGN.md B8, §6). The parent directory is watched, not the file, because kubelet's atomic
 * ConfigMap update replaces {@code ..data} and the file's own watch dies with the first update.
 *
 * <p>Any event in the directory (including {@code OVERFLOW}) counts: the first event of a burst
 * sets a re-check {@code debounce} later, and every event until that re-check starts joins it, so
 * a burst costs one or two re-checks and the last event is always followed by one. A watch that is
 * lost — an invalid key, a watch service closed by someone else, or the directory replaced by a
 * rename, which inotify would follow to the old inode without a word — is registered again (retried
 * every second while the directory is missing) and followed by a re-check.
 *
 * <p>One daemon thread, {@value #THREAD_NAME}, waits for events and runs the re-checks, between
 * {@link #start()} and {@link #close()}. Close is idempotent and waits for it to end.
 */
public final class ConfigDirectoryWatcher implements AutoCloseable {

    /** The thread that waits for file-system events and runs the re-checks they ask for. */
    static final String THREAD_NAME = "toolset-config-watcher";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigDirectoryWatcher.class);
    /** How long one wait for events lasts: the retry delay of a lost watch and the period of the rename check. */
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private enum State { NEW, RUNNING, CLOSED }

    private final Path directory;
    private final ReloadConfigurationUseCase reloads;
    private final Duration debounce;

    private final Object lifecycle = new Object();
    private State state = State.NEW;
    private volatile boolean closing;
    private volatile WatchService watchService;
    private Thread thread;

    // Owned by the watch thread once it runs.
    private WatchKey key;
    private Object directoryIdentity;
    private long recheckDueAt;
    private boolean recheckDue;

    /**
     * A watcher of {@code configFile}'s directory that calls {@code reloads} with trigger
     * {@code watch} {@code debounce} (0 or more) after a change. Nothing happens until
     * {@link #start()}.
     */
    public ConfigDirectoryWatcher(Path configFile, ReloadConfigurationUseCase reloads, Duration debounce) {
        Path file = Objects.requireNonNull(configFile, "configFile").toAbsolutePath();
        this.directory = Objects.requireNonNull(file.getParent(), "the config file has no parent directory");
        this.reloads = Objects.requireNonNull(reloads, "reloads");
        this.debounce = Objects.requireNonNull(debounce, "debounce");
        if (debounce.isNegative()) {
            throw new IllegalArgumentException("debounce must not be negative, was " + debounce);
        }
    }

    /**
     * Registers the watch (events from the moment this returns are seen), sets one re-check after
     * the debounce for what changed before it, and starts the thread. Calling it again while running
     * does nothing; after {@link #close()} it fails. Where the file system offers no watch, it logs
     * that only the poll will see changes and starts nothing.
     */
    public void start() {
        synchronized (lifecycle) {
            if (state == State.RUNNING) {
                return;
            }
            if (state == State.CLOSED) {
                throw new IllegalStateException("this watcher was closed; create a new one");
            }
            state = State.RUNNING;
            try {
                watchService = directory.getFileSystem().newWatchService();
            } catch (IOException | UnsupportedOperationException e) {
                LOG.atWarn().setMessage("config_watch_unavailable_polling_only").addKeyValue("directory", directory)
                        .addKeyValue("error", e.toString()).log();
                return;
            }
            if (register(true)) {
                // A change between the first load and this registration raised no event: look once.
                recheckSoon();
            }
            thread = new Thread(this::watchLoop, THREAD_NAME);
            thread.setDaemon(true);
            thread.start();
        }
        LOG.atInfo().setMessage("config_watcher_started").addKeyValue("directory", directory)
                .addKeyValue("debounce_millis", debounce.toMillis()).log();
    }

    /** Stops watching and waits (up to 5 s) for the thread to end; a re-check in progress finishes. Idempotent. */
    @Override
    public void close() {
        Thread running;
        synchronized (lifecycle) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            closing = true;
            running = thread;
        }
        WatchService service = watchService;
        if (service != null) {
            closeQuietly(service); // wakes the watch thread with ClosedWatchServiceException
        }
        if (running == null) {
            return;
        }
        if (Thread.currentThread() != running) {
            try {
                running.join(STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.atInfo().setMessage("config_watcher_stopped").addKeyValue("directory", directory).log();
    }

    private void watchLoop() {
        while (!closing) {
            try {
                watchOnce();
            } catch (ClosedWatchServiceException e) {
                if (closing) {
                    return;
                }
                // Closed under us (not by close()): without a new one the watch would be dead for
                // good and only the poll would see changes.
                key = null;
                if (!reopenWatchService()) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One bounded wait for events, then the re-check if it is due. */
    private void watchOnce() throws InterruptedException {
        if (key == null || !key.isValid()) {
            if (key != null) {
                LOG.atWarn().setMessage("config_watch_key_invalid_reregistering")
                        .addKeyValue("directory", directory).log();
                // The directory went away or was remounted: the file has most likely changed.
                recheckSoon();
            }
            // A failure is logged once per streak; the retry comes at the next tick.
            if (register(key != null)) {
                LOG.atInfo().setMessage("config_watch_registered").addKeyValue("directory", directory).log();
                // Whatever happened while the watch was down went unseen.
                recheckSoon();
            }
        } else if (directoryReplaced()) {
            LOG.atWarn().setMessage("config_watch_directory_replaced_reregistering")
                    .addKeyValue("directory", directory).log();
            key.cancel();
            key = null;
            if (register(true)) {
                recheckSoon();
            }
        }
        long waitNanos = recheckDue ? Math.min(Math.max(0, recheckDueAt - System.nanoTime()), TICK.toNanos())
                : TICK.toNanos();
        WatchKey signalled = watchService.poll(waitNanos, TimeUnit.NANOSECONDS);
        if (signalled != null) {
            if (signalled.pollEvents().stream().anyMatch(event -> event.kind() == OVERFLOW)) {
                LOG.atInfo().setMessage("config_watch_overflow_rechecking").addKeyValue("directory", directory)
                        .log();
            }
            recheckSoon();
            signalled.reset();
        }
        if (recheckDue && System.nanoTime() - recheckDueAt >= 0) {
            recheckDue = false;
            recheck();
        }
    }

    /** Registers the directory; false (logged if asked) when it cannot be watched now. */
    private boolean register(boolean logFailure) {
        try {
            directoryIdentity = identity();
            key = directory.register(watchService, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
            return true;
        } catch (ClosedWatchServiceException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            key = null;
            if (logFailure) {
                LOG.atWarn().setMessage("config_watch_register_failed").addKeyValue("directory", directory)
                        .addKeyValue("error", e.toString())
                        .addKeyValue("retry_seconds", TICK.toSeconds()).log();
            }
            return false;
        }
    }

    /**
     * Whether the path now names another directory than the one registered: a rename over it keeps
     * the inotify watch on the old inode, which never sees another change. Only where the file
     * system has file keys (inode numbers); elsewhere a replaced directory goes unnoticed here.
     */
    private boolean directoryReplaced() {
        if (directoryIdentity == null) {
            return false;
        }
        try {
            return !directoryIdentity.equals(identity());
        } catch (IOException e) {
            return false; // gone: the key turns invalid, or the next tick sees the new one
        }
    }

    private Object identity() throws IOException {
        return Files.readAttributes(directory, BasicFileAttributes.class).fileKey();
    }

    /**
     * Replaces a watch service that was closed by someone else; false when the watcher is closing
     * or no new one can be had (the poll then carries on alone).
     */
    private boolean reopenWatchService() {
        LOG.atWarn().setMessage("config_watch_service_closed_reopening").addKeyValue("directory", directory).log();
        WatchService fresh;
        try {
            fresh = directory.getFileSystem().newWatchService();
        } catch (IOException | RuntimeException e) {
            LOG.atWarn().setMessage("config_watch_unavailable_polling_only").addKeyValue("directory", directory)
                    .addKeyValue("error", e.toString()).log();
            return false;
        }
        watchService = fresh;
        // close() sets closing before it reads watchService: either it closes this one, or we see closing.
        if (closing) {
            closeQuietly(fresh);
            return false;
        }
        return true;
    }

    private static void closeQuietly(WatchService service) {
        try {
            service.close();
        } catch (IOException e) {
            LOG.atWarn().setMessage("config_watch_close_failed").addKeyValue("error", e.toString()).log();
        }
    }

    /** Sets a re-check one debounce from now, unless one is set already: then this change joins it. */
    private void recheckSoon() {
        if (!recheckDue) {
            recheckDue = true;
            recheckDueAt = System.nanoTime() + debounce.toNanos();
        }
    }

    private void recheck() {
        try {
            reloads.reload(ReloadTrigger.WATCH);
        } catch (Throwable e) {
            // Anything, an Error included: the watch thread must outlive a bug in one re-check.
            LOG.atError().setMessage("config_recheck_failed").addKeyValue("trigger", ReloadTrigger.WATCH.wireName())
                    .addKeyValue("error", e.toString()).setCause(e).log();
        }
    }
}
