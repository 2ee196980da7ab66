package org.toolsetconfig.benchmarks;

import io.javalin.Javalin;
import java.util.concurrent.CountDownLatch;

/**
 * The ceiling of the HTTP stack for issue item 5: the service's Javalin version, one GET and one
 * POST route that return a constant JSON body, nothing else. Usage:
 * {@code BareJavalin <port>}; it serves on 127.0.0.1 until the process is stopped.
 */
public final class BareJavalin {

    private static final String BODY = "{\"toolset\":\"kubernetes/core\",\"consecutiveFailures\":1}";

    private BareJavalin() {
    }

    /** Serves until killed. */
    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = port;
            cfg.routes.get("/constant", ctx -> ctx.contentType("application/json").result(BODY));
            cfg.routes.post("/constant", ctx -> ctx.contentType("application/json").result(BODY));
        });
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
        app.start();
        System.out.println("bare_javalin_started port=" + app.port());
        new CountDownLatch(1).await();
    }
}
