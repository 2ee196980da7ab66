package org.toolsetconfig.bootstrap;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The single thread ({@code toolset-config-listeners}) that runs {@code ToolsetConfigListener}s,
 * so a slow listener never holds up a reload and listeners still see snapshots in generation
 * order. The thread is created on the first task, never by constructing this.
 */
final class ConfigListenerExecutor implements Executor, Lifecycle {

    private static final String NAME = "listeners";

    private final ExecutorService executor = Executors.newSingleThreadExecutor(ServiceThreads.named(NAME));

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

    /** Lets the listeners told so far finish. */
    @Override
    public void stop() {
        ServiceThreads.shutDown(executor, NAME);
    }
}
