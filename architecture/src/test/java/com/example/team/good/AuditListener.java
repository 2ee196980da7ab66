package com.example.team.good;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.port.out.ToolsetEventListener;

/** A well-behaved team adapter: implements an out-port, constructor-free state, no framework. */
public final class AuditListener implements ToolsetEventListener {

    private final List<ToolsetEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(ToolsetEvent event) {
        events.add(event);
    }

    public List<ToolsetEvent> events() {
        return List.copyOf(events);
    }
}
