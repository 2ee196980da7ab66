package org.toolsetconfig.bootstrap;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.application.port.in.ManageSessionsUseCase;

/**
 * B7's guards: every period, expires sessions older than the TTL and applies a pending
 * configuration that has waited past the maximum deferral. The core starts no thread; this is
 * its timer.
 */
final class SessionSweeper implements Lifecycle {

    /** DESIGN.md §3 B7: the sweeper runs every 60 s. */
    static final Duration PERIOD = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(SessionSweeper.class);

    private final ManageSessionsUseCase sessions;
    private final Duration period;
    private ScheduledExecutorService timer;

    SessionSweeper(ManageSessionsUseCase sessions, Duration period) {
        this.sessions = sessions;
        this.period = period;
    }

    @Override
    public String name() {
        return "session-sweeper";
    }

    @Override
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "session-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long millis = period.toMillis();
        timer.scheduleWithFixedDelay(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            sessions.sweep();
        } catch (RuntimeException e) {
            // An exception would cancel the schedule for good; log it and sweep again next period.
            LOG.atError().setMessage("session_sweep_failed").addKeyValue("error", e.toString()).setCause(e).log();
        }
    }

    @Override
    public synchronized void stop() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.atWarn().setMessage("session_sweeper_did_not_stop").log();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer = null;
    }
}
