package org.toolsetconfig.application.testing;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.port.out.ToolsetEventListener;

/** Keeps every event it receives, for assertions. */
public final class RecordingEventListener implements ToolsetEventListener {

    private final ConcurrentLinkedQueue<ToolsetEvent> events = new ConcurrentLinkedQueue<>();

    @Override
    public void onEvent(ToolsetEvent event) {
        events.add(event);
    }

    public <T extends ToolsetEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<ToolsetEvent> all() {
        return List.copyOf(events);
    }
}
