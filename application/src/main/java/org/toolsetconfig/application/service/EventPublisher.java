package org.toolsetconfig.application.service;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.port.out.ToolsetEventListener;

/** Hands each event to every listener in order; one listener that throws does not stop the others. */
public final class EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

    private final List<ToolsetEventListener> listeners;

    /**
     * A publisher to these listeners, in this order.
     *
     * @param listeners the subscribers, told in this order
     */
    public EventPublisher(List<ToolsetEventListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void publish(ToolsetEvent event) {
        for (ToolsetEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.error("event_listener_failed", e);
            }
        }
    }
}
