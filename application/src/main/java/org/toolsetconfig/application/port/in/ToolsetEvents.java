package org.toolsetconfig.application.port.in;

import org.toolsetconfig.application.port.out.ToolsetEventListener;

/**
 * The event stream of a built core, which subscribers join after it is built (the way
 * resilience4j's metrics bind to a built breaker): an adapter that needs both the events and the
 * queries takes both from the core, with no supplier to break a cycle.
 */
@FunctionalInterface
public interface ToolsetEvents {

    /**
     * Tells {@code listener} of every event published from now on, after the listeners already
     * subscribed, on the thread that caused the event. A listener that throws is logged and does not
     * stop the others.
     */
    void subscribe(ToolsetEventListener listener);
}
