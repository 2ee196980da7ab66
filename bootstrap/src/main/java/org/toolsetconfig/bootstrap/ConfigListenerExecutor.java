package org.toolsetconfig.bootstrap;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single thread that runs {@code ToolsetConfigListener}s, so a slow listener never holds up a
 * reload and listeners still see snapshots in generation order. The thread is created on the
 * first task, never by constructing this.
 */
final class ConfigListenerExecutor implements java.util.concurrent.Executor, Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigListenerExecutor.class);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "config-listeners");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public String name() {
        return "config-listeners";
    }

    @Override
    public void start() {
        // Nothing to start: the thread is made on demand (the first load may already use it).
    }

    @Override
    public void stop() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.atWarn().setMessage("config_listeners_did_not_finish").log();
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
