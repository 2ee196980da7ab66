package org.toolsetconfig.bootstrap;

import org.toolsetconfig.adapters.http.HttpApiServer;

/**
 * The HTTP API as a {@link Lifecycle}: started last, so the port opens only once a valid
 * configuration is active; stopped first, readiness off before the drain (B10).
 */
final class HttpServerLifecycle implements Lifecycle {

    private final HttpApiServer server;

    HttpServerLifecycle(HttpApiServer server) {
        this.server = server;
    }

    @Override
    public String name() {
        return "http-server";
    }

    @Override
    public void start() {
        server.start();
    }

    @Override
    public void stop() {
        server.markShuttingDown();
        server.stop();
    }

    /** The port bound, a free one when the settings asked for 0. */
    int port() {
        return server.port();
    }
}
