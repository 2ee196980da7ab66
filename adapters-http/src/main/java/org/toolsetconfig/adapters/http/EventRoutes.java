package org.toolsetconfig.adapters.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * {@code GET /api/v1/events}: the event stream. Not Javalin's {@code sse()}: its client writes
 * block the sending thread on a client that does not read. Here the request leaves its thread at
 * once (async mode, no timeout) and {@link EventSubscriber} writes without blocking.
 */
final class EventRoutes {

    /** The stream's path; exempt from the API's concurrency limit, see HttpApiServer. */
    static final String PATH = "/api/v1/events";

    private final EventStream stream;

    EventRoutes(EventStream stream) {
        this.stream = stream;
    }

    void register(RoutesConfig routes) {
        routes.get(PATH, this::events);
    }

    private void events(Context ctx) {
        EventStream.Opening opening = stream.open(Optional.ofNullable(ctx.header("Last-Event-ID")));
        if (opening instanceof EventStream.Opening.Refused refused) {
            throw new ProblemException(refused.type(), refused.detail());
        }
        EventSubscriber subscriber = ((EventStream.Opening.Opened) opening).subscriber();
        try {
            HttpServletResponse res = ctx.res();
            res.setStatus(200);
            res.setContentType("text/event-stream;charset=utf-8");
            res.setHeader("Cache-Control", "no-cache");
            // Tells nginx-style proxies not to hold events back in a buffer.
            res.setHeader("X-Accel-Buffering", "no");
            AsyncContext async = ctx.req().startAsync();
            async.setTimeout(0);
            ctx.future(() -> {
                try {
                    return subscriber.attach(async);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (RuntimeException e) {
            stream.remove(subscriber);
            throw e;
        }
    }
}
