package org.toolsetconfig.bootstrap;

import java.util.Objects;

/**
 * Something with a life (the watcher, the sweeper, the HTTP server): started in order by
 * {@link Service}, stopped in reverse. Guice modules only construct these; nothing starts before
 * {@link #start()}.
 */
interface Lifecycle {

    /** A short name for logs: {@code http-server}. */
    String name();

    /** Starts; throws when it cannot (a port in use), and then owns no resource. */
    void start();

    /** Stops and releases every thread and resource; idempotent, never throws for an expected reason. */
    void stop();

    /** A lifecycle made of two actions. */
    static Lifecycle of(String name, Runnable start, Runnable stop) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(stop, "stop");
        return new Lifecycle() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() {
                start.run();
            }

            @Override
            public void stop() {
                stop.run();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
