package org.toolsetconfig.bootstrap;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An action run every {@code period} on a thread of its own ({@code toolset-config-<name>}) from
 * start to stop: the config poll (B8) and the session sweep (B7). Whatever a run throws, an
 * {@code Error} included, is logged and the next run still comes: a throw that escaped would end a
 * {@code scheduleWithFixedDelay} task for good, silently.
 */
final class Periodic implements Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(Periodic.class);

    private final String name;
    private final Duration period;
    private final Runnable action;
    private ScheduledExecutorService timer;

    Periodic(String name, Duration period, Runnable action) {
        this.name = Objects.requireNonNull(name, "name");
        this.period = Objects.requireNonNull(period, "period");
        this.action = Objects.requireNonNull(action, "action");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the period of " + name + " must be more than 0, was " + period);
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The first run comes one period after the start. */
    @Override
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(ServiceThreads.named(name));
        long nanos = period.toNanos();
        timer.scheduleWithFixedDelay(this::runOnce, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    private void runOnce() {
        try {
            action.run();
        } catch (Throwable e) {
            LOG.atError().setMessage("periodic_task_failed").addKeyValue("task", name)
                    .addKeyValue("error", e.toString()).setCause(e).log();
        }
    }

    @Override
    public synchronized void stop() {
        if (timer == null) {
            return;
        }
        ServiceThreads.shutDown(timer, name);
        timer = null;
    }

    @Override
    public String toString() {
        return name + " every " + period;
    }
}
