package org.toolsetconfig.adapters.filesystem;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.application.port.in.ReloadConfigurationUseCase;
import org.toolsetconfig.domain.ReloadTrigger;

/**
 * Asks for a re-check of the configuration file when its directory changes, and on a fixed poll
 * (DESIGN.md B8, §6). The parent directory is watched, not the file, because kubelet's atomic
 * ConfigMap update replaces {@code ..data} and the file's own watch dies with the first update.
 *
 * <p>Any event in the directory (including {@code OVERFLOW}) asks for a re-check with trigger
 * {@code watch} after the debounce: the first event of a burst schedules one re-check
 * {@code debounce} later, and every event until that re-check starts joins it, so a burst costs one
 * or two re-checks and the last event is always followed by one. A cancelled or invalid watch key is
 * re-registered (retried every second while the directory is missing), followed by a re-check; a
 * watch service closed by anyone but {@link #close()} is replaced by a new one the same way. The
 * poll, every {@code pollInterval}, re-checks with trigger {@code poll} whatever the watch does. The
 * interval is used as given; clamping to 30–300 s is the settings' job.
 *
 * <p>Two daemon threads, {@value #WATCH_THREAD_NAME} (blocked on the watch service) and
 * {@value #RECHECK_THREAD_NAME} (debounced and polled re-checks, one at a time), exist between
 * {@link #start()} and {@link #close()}. Close is idempotent and waits for both to end.
 */
public final class ConfigDirectoryWatcher implements AutoCloseable {

    /** The thread that waits for file-system events. */
    static final String WATCH_THREAD_NAME = "toolset-config-watcher";
    /** The thread that runs the debounced and polled re-checks. */
    static final String RECHECK_THREAD_NAME = "toolset-config-recheck";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigDirectoryWatcher.class);
    private static final Duration REGISTER_RETRY = Duration.ofSeconds(1);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private enum State { NEW, RUNNING, CLOSED }

    private final Path file;
    private final Path directory;
    private final ReloadConfigurationUseCase reloads;
    private final Duration debounce;
    private final Duration pollInterval;
    private final boolean watchEnabled;

    private final Object lifecycle = new Object();
    private final AtomicBoolean recheckScheduled = new AtomicBoolean();
    private final AtomicBoolean mountChecked = new AtomicBoolean();
    private State state = State.NEW;
    private volatile boolean closing;
    private ScheduledThreadPoolExecutor scheduler;
    private volatile Thread recheckThread;
    private volatile WatchService watchService;
    private Thread watchThread;

    /**
     * A watcher of {@code configFile}'s directory that calls {@code reloads} with trigger
     * {@code watch} after {@code debounce} (0 or more), and with trigger {@code poll} every
     * {@code pollInterval} (more than 0). With {@code watchEnabled} false only the poll runs.
     * Nothing happens until {@link #start()}.
     */
    public ConfigDirectoryWatcher(Path configFile, ReloadConfigurationUseCase reloads, Duration debounce,
                                  Duration pollInterval, boolean watchEnabled) {
        this.file = Objects.requireNonNull(configFile, "configFile").toAbsolutePath();
        this.directory = Objects.requireNonNull(file.getParent(), "the config file has no parent directory");
        this.reloads = Objects.requireNonNull(reloads, "reloads");
        this.debounce = Objects.requireNonNull(debounce, "debounce");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        if (debounce.isNegative()) {
            throw new IllegalArgumentException("debounce must not be negative, was " + debounce);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be more than 0, was " + pollInterval);
        }
        this.watchEnabled = watchEnabled;
    }

    /**
     * Registers the watch (events from the moment this returns are seen) and asks for one re-check
     * after the debounce, for what changed before it; starts the threads and the poll, and warns
     * once if the file looks like a {@code subPath} mount. Calling it again
     * while running does nothing; after {@link #close()} it fails.
     */
    public void start() {
        synchronized (lifecycle) {
            if (state == State.RUNNING) {
                return;
            }
            if (state == State.CLOSED) {
                throw new IllegalStateException("this watcher was closed; create a new one");
            }
            scheduler = new ScheduledThreadPoolExecutor(1, daemon(RECHECK_THREAD_NAME, true));
            scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            scheduler.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
            scheduler.setRemoveOnCancelPolicy(true);
            if (watchEnabled) {
                startWatching();
            }
            long pollNanos = pollInterval.toNanos();
            scheduler.scheduleWithFixedDelay(() -> recheck(ReloadTrigger.POLL), pollNanos, pollNanos,
                    TimeUnit.NANOSECONDS);
            state = State.RUNNING;
        }
        LOG.atInfo().setMessage("config_watcher_started").addKeyValue("directory", directory)
                .addKeyValue("watch_enabled", watchService != null)
                .addKeyValue("debounce_millis", debounce.toMillis())
                .addKeyValue("poll_interval_seconds", pollInterval.toSeconds()).log();
        warnOnceIfSubPathMount();
    }

    /** Stops watching and polling and waits (up to 5 s each) for the threads to end. Idempotent. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (state == State.CLOSED) {
                return;
            }
            boolean wasRunning = state == State.RUNNING;
            state = State.CLOSED;
            closing = true;
            if (!wasRunning) {
                return;
            }
        }
        WatchService service = watchService;
        if (service != null) {
            closeQuietly(service); // wakes the watch thread with ClosedWatchServiceException
        }
        // A re-check in progress finishes (interrupting it would fail its read); pending ones are dropped.
        scheduler.shutdown();
        boolean onOwnThread = Thread.currentThread() == watchThread || Thread.currentThread() == recheckThread;
        if (!onOwnThread) {
            join(watchThread);
            try {
                if (!scheduler.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    scheduler.shutdownNow();
                }
            } catch (InterruptedException e) {
                scheduler.shutdownNow();
                Thread.currentThread().interrupt();
            }
            // The pool reports termination just before its thread exits: wait for the thread itself.
            join(recheckThread);
        }
        LOG.atInfo().setMessage("config_watcher_stopped").addKeyValue("directory", directory).log();
    }

    private void startWatching() {
        try {
            watchService = directory.getFileSystem().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            LOG.atWarn().setMessage("config_watch_unavailable_polling_only").addKeyValue("directory", directory)
                    .addKeyValue("error", e.toString()).log();
            return;
        }
        WatchKey key = register(true);
        if (key != null) {
            // A change between the first load and this registration raised no event: look once.
            requestRecheck();
        }
        watchThread = daemon(WATCH_THREAD_NAME, false).newThread(() -> watchLoop(key));
        watchThread.start();
    }

    private WatchKey register(boolean logFailure) {
        try {
            return directory.register(watchService, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        } catch (ClosedWatchServiceException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (!logFailure) {
                return null;
            }
            LOG.atWarn().setMessage("config_watch_register_failed").addKeyValue("directory", directory)
                    .addKeyValue("error", e.toString())
                    .addKeyValue("retry_seconds", REGISTER_RETRY.toSeconds()).log();
            return null;
        }
    }

    private void watchLoop(WatchKey initialKey) {
        WatchKey key = initialKey;
        while (!closing) {
            try {
                key = watchOnce(key);
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

    /** One bounded wait for events; returns the key to use next (null while it must be registered again). */
    private WatchKey watchOnce(WatchKey current) throws InterruptedException {
        WatchKey key = current;
        if (key == null || !key.isValid()) {
            if (key != null) {
                LOG.atWarn().setMessage("config_watch_key_invalid_reregistering")
                        .addKeyValue("directory", directory).log();
                // The directory went away or was remounted: the file has most likely changed.
                requestRecheck();
            }
            // A failure is logged once per streak; the retry runs every second.
            key = register(key != null);
            if (key != null) {
                LOG.atInfo().setMessage("config_watch_registered").addKeyValue("directory", directory).log();
                // Whatever happened while the watch was down went unseen.
                requestRecheck();
            }
        }
        // Bounded wait: it doubles as the retry delay while the key is missing or invalid.
        WatchKey signalled = watchService.poll(REGISTER_RETRY.toMillis(), TimeUnit.MILLISECONDS);
        if (signalled == null) {
            return key;
        }
        List<WatchEvent<?>> events = signalled.pollEvents();
        if (events.stream().anyMatch(event -> event.kind() == OVERFLOW)) {
            LOG.atInfo().setMessage("config_watch_overflow_rechecking").addKeyValue("directory", directory)
                    .log();
        }
        requestRecheck();
        signalled.reset();
        return key;
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

    private void requestRecheck() {
        if (recheckScheduled.compareAndSet(false, true)) {
            try {
                scheduler.schedule(() -> {
                    recheckScheduled.set(false);
                    recheck(ReloadTrigger.WATCH);
                }, debounce.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                recheckScheduled.set(false); // closing
            }
        }
    }

    private void recheck(ReloadTrigger trigger) {
        if (closing) {
            return;
        }
        try {
            reloads.reload(trigger);
        } catch (RuntimeException e) {
            // Never let a failed re-check cancel the poll: the next event or tick tries again.
            LOG.atError().setMessage("config_recheck_failed").addKeyValue("trigger", trigger.wireName())
                    .setCause(e).log();
        }
        warnOnceIfSubPathMount();
    }

    /**
     * DESIGN.md §6: kubelet never updates a {@code subPath} mount. A plain file (not a symlink) with
     * no {@code ..data} beside it looks like one; decided once, as soon as the file exists.
     */
    private void warnOnceIfSubPathMount() {
        if (mountChecked.get() || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!mountChecked.compareAndSet(false, true)) {
            return;
        }
        boolean plainFile = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
        boolean projected = Files.exists(directory.resolve("..data"), LinkOption.NOFOLLOW_LINKS);
        if (plainFile && !projected) {
            LOG.atWarn().setMessage("configmap_subpath_mount_detected").addKeyValue("path", file)
                    .addKeyValue("hint", "the file is a plain file with no ..data beside it, as with a Kubernetes "
                            + "subPath mount, which kubelet never updates: ConfigMap changes arrive only through a "
                            + "restart unless the file is edited in place; mount the ConfigMap as a directory")
                    .log();
        }
    }

    private void join(Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ThreadFactory daemon(String name, boolean recheck) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            if (recheck) {
                recheckThread = thread;
            }
            return thread;
        };
    }
}
