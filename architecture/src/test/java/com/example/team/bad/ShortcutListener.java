package com.example.team.bad;

import com.example.team.bad.cycle.Back;
import org.toolsetconfig.adapters.http.fixture.HttpAdapterReachingAround;
import org.toolsetconfig.application.logging.StructuredLoggingListener;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.port.out.ToolsetEventListener;
import org.toolsetconfig.application.service.ToolsetConfigCore;

/** Deliberately broken team adapter: service implementation, another adapter, field injection, a generic exception, stderr, application internals, a cycle. */
public class ShortcutListener implements ToolsetEventListener {

    @jakarta.inject.Inject
    ToolsetConfigCore core;

    @com.google.inject.Inject
    HttpAdapterReachingAround http;

    private final StructuredLoggingListener logging = new StructuredLoggingListener();

    @Override
    public void onEvent(ToolsetEvent event) {
        if (event == null) {
            throw new RuntimeException("no event");
        }
        logging.onEvent(event);
        System.err.println(event + " " + core.queries() + " " + http + " " + new Back());
    }
}
