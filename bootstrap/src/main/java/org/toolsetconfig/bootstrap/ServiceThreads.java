package org.toolsetconfig.bootstrap;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's own executor threads: named {@code toolset-config-<name>}, so a thread dump shows
 * whose they are (the watcher's is {@code toolset-config-watcher}), daemons, and stopped one way.
 */
final class ServiceThreads {

    /** Every thread of the service starts with this; the leak check of its stop looks for it. */
    static final String PREFIX = "toolset-config-";

    /** A task in progress (a re-check reading the file) gets this long to finish before it is interrupted. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(ServiceThreads.class);

    private ServiceThreads() {
    }

    static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, PREFIX + name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Lets the task in progress finish (interrupting a read would fail it), then interrupts what is left. */
    static void shutDown(ExecutorService executor, String name) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.atWarn().setMessage("service_thread_did_not_stop").addKeyValue("thread", PREFIX + name)
                        .addKeyValue("waited_seconds", STOP_TIMEOUT.toSeconds()).log();
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
