package org.toolsetconfig.adapters.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.application.port.in.ReloadConfigurationUseCase;
import org.toolsetconfig.domain.ReloadTrigger;

/**
 * Watches the one ConfigMap and asks for a re-check (trigger {@code watch}) on every change
 * (DESIGN.md §10). It lists the object, watches from the list's resourceVersion with bookmarks, and
 * when the watch ends — the API server's routine timeout, a 410 Gone after compaction, a dropped
 * connection — lists again and watches again, asking for one re-check each time so that nothing that
 * changed in between is missed. A failed attempt is retried after a capped exponential backoff with
 * jitter; the first failure logs {@code config_source_watch_lost} (WARN), the next success
 * {@code config_source_watch_restored}.
 *
 * <p>The client must not reconnect on its own ({@code watchReconnectLimit} 0, see
 * {@link KubernetesClients#forConfigSource}): fabric8's own reconnects would hide a lost watch and
 * resume from a resourceVersion that may be gone. One daemon thread, {@value #THREAD_NAME}, owns the
 * watch and runs the re-checks, between {@link #start()} and {@link #close()}.
 */
public final class ConfigMapWatcher implements SourceHealth, AutoCloseable {

    /** The thread that owns the watch and runs the re-checks it asks for. */
    static final String THREAD_NAME = "toolset-config-k8s-watch";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigMapWatcher.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    // A watch that lived this long ended normally: watch again at once instead of backing off.
    private static final Duration STABLE = Duration.ofSeconds(1);

    /** What the watch thread is told: the object changed, the watch ended, or stop. */
    private sealed interface Signal permits Changed, Ended, Stop {
    }

    private record Changed(Forwarder from) implements Signal {
    }

    private record Ended(Forwarder from, WatcherException cause) implements Signal {
    }

    private record Stop() implements Signal {
    }

    private final KubernetesClient client;
    private final ConfigMapLocation location;
    private final ReloadConfigurationUseCase reloads;
    private final Backoff backoff;

    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final Object lifecycle = new Object();
    private final AtomicLong reconnects = new AtomicLong();
    private volatile boolean connected;
    private volatile boolean closing;
    private Thread thread;
    private boolean started;

    // Owned by the watch thread.
    private boolean lost;
    private int failedAttempts;

    /**
     * The reconnect delays: the n-th failed attempt in a row waits a random time between half and all
     * of {@code min(max, initial * 2^(n-1))}, so replicas that lost the API server together do not
     * come back in step.
     */
    public record Backoff(Duration initial, Duration max) {
        /** Checks that both are positive and {@code initial <= max}. */
        public Backoff {
            Objects.requireNonNull(initial, "initial");
            Objects.requireNonNull(max, "max");
            if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("backoff needs 0 < initial <= max, was " + initial + " and " + max);
            }
        }

        /** 200 ms doubling up to 30 s. */
        public static Backoff defaults() {
            return new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));
        }

        Duration delay(int failedAttempts) {
            int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
            long cap = Math.min(max.toMillis(), initial.toMillis() << Math.min(doublings, 20));
            return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
        }
    }

    /** A watcher of {@code location} that calls {@code reloads} on each change; nothing happens until {@link #start()}. */
    public ConfigMapWatcher(KubernetesClient client, ConfigMapLocation location, ReloadConfigurationUseCase reloads,
                            Backoff backoff) {
        this.client = Objects.requireNonNull(client, "client");
        this.location = Objects.requireNonNull(location, "location");
        this.reloads = Objects.requireNonNull(reloads, "reloads");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        if (client.getConfiguration().getWatchReconnectLimit() != 0) {
            throw new IllegalArgumentException("the client reconnects watches itself (watchReconnectLimit "
                    + client.getConfiguration().getWatchReconnectLimit() + "); create it with "
                    + "KubernetesClients.forConfigSource so that this watcher sees every lost watch");
        }
    }

    /** Starts the watch thread; again while running does nothing, after {@link #close()} it fails. */
    public void start() {
        synchronized (lifecycle) {
            if (closing) {
                throw new IllegalStateException("this watcher was closed; create a new one");
            }
            if (started) {
                return;
            }
            started = true;
            thread = new Thread(this::run, THREAD_NAME);
            thread.setDaemon(true);
            thread.start();
        }
        LOG.atInfo().setMessage("config_source_watch_started").addKeyValue("configmap", location).log();
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public long reconnects() {
        return reconnects.get();
    }

    /** Stops the watch and waits (up to 5 s) for the thread; a re-check in progress finishes. Idempotent. */
    @Override
    public void close() {
        Thread running;
        synchronized (lifecycle) {
            if (closing) {
                return;
            }
            closing = true;
            running = thread;
        }
        signals.add(new Stop());
        if (running != null && Thread.currentThread() != running) {
            try {
                running.join(STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        connected = false;
    }

    private void run() {
        boolean first = true;
        while (!closing) {
            if (!first) {
                reconnects.incrementAndGet();
            }
            first = false;
            try {
                watchOnce();
            } catch (InterruptedException e) {
                return;
            } catch (KubernetesClientException e) {
                String reason = e.getMessage() == null ? "HTTP " + e.getCode() : e.getMessage();
                failed(e.getCode() == 403 ? reason + "; grant " + location.rbacRule() : reason);
            } catch (Throwable e) {
                // Nothing, not even an Error, may end the watch for good: the next attempt comes after the backoff.
                failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            if (!closing && !pause(failedAttempts == 0 ? Duration.ZERO : backoff.delay(failedAttempts))) {
                return;
            }
        }
    }

    /** One list and watch, until the watch ends or the watcher closes. */
    private void watchOnce() throws InterruptedException {
        ConfigMapList list = client.configMaps().inNamespace(location.namespace())
                .withField("metadata.name", location.name()).list();
        String resourceVersion = list.getMetadata() == null ? null : list.getMetadata().getResourceVersion();
        if (resourceVersion == null || resourceVersion.isEmpty()) {
            resourceVersion = list.getItems().stream().map(item -> item.getMetadata().getResourceVersion())
                    .findFirst().orElse(null);
        }
        Forwarder current = new Forwarder();
        Watch watch = client.configMaps().inNamespace(location.namespace()).withName(location.name())
                .watch(new ListOptionsBuilder().withResourceVersion(resourceVersion).withAllowWatchBookmarks(true)
                        .build(), current);
        long since = System.nanoTime();
        try {
            connected = true;
            if (lost) {
                lost = false;
                LOG.atInfo().setMessage("config_source_watch_restored").addKeyValue("configmap", location)
                        .addKeyValue("attempts", failedAttempts).log();
            }
            // Whatever changed while no watch was open (or before the first one) is seen by this re-check.
            reloads.reload(ReloadTrigger.WATCH);
            while (!closing) {
                Signal signal = signals.take();
                if (signal instanceof Stop) {
                    return;
                }
                if (signal instanceof Ended ended && ended.from() == current) {
                    boolean stable = System.nanoTime() - since >= STABLE.toNanos();
                    boolean gone = ended.cause() != null && ended.cause().isHttpGone();
                    LOG.atDebug().setMessage("config_source_watch_ended").addKeyValue("configmap", location)
                            .addKeyValue("gone", gone).log();
                    if (stable || gone) {
                        failedAttempts = 0;
                    } else {
                        failed("the watch ended at once: " + describe(ended.cause()));
                    }
                    return;
                }
                if (signal instanceof Changed changed && changed.from() == current) {
                    // Changes queued behind this one are seen by the same live read.
                    signals.removeIf(Changed.class::isInstance);
                    reloads.reload(ReloadTrigger.WATCH);
                }
            }
        } finally {
            watch.close();
        }
    }

    private void failed(String reason) {
        failedAttempts++;
        connected = false;
        if (!lost) {
            lost = true;
            LOG.atWarn().setMessage("config_source_watch_lost").addKeyValue("configmap", location)
                    .addKeyValue("error", reason).log();
        }
    }

    /** Waits {@code delay} or until closed; false when closed. Signals of ended watches are dropped. */
    private boolean pause(Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        try {
            while (!closing) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                if (signals.poll(left, TimeUnit.NANOSECONDS) instanceof Stop) {
                    return false;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String describe(WatcherException cause) {
        return cause == null || cause.getMessage() == null ? "closed by the server" : cause.getMessage();
    }

    /** Runs on fabric8's threads: only hands signals to the watch thread. */
    private final class Forwarder implements Watcher<ConfigMap> {
        @Override
        public void eventReceived(Action action, ConfigMap resource) {
            if (action == Action.ADDED || action == Action.MODIFIED || action == Action.DELETED) {
                signals.add(new Changed(this));
            }
        }

        @Override
        public void onClose(WatcherException cause) {
            signals.add(new Ended(this, cause));
        }

        @Override
        public void onClose() {
            signals.add(new Ended(this, null));
        }
    }
}
