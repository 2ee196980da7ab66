package org.toolsetconfig.application.service;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.application.port.in.ToolsetEvents;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.port.out.ToolsetEventListener;

/**
 * Hands each event to every listener in the order they subscribed; one listener that throws (an
 * exception or an error other than the JVM's own) does not stop the others or the caller.
 * Subscribing is safe while events flow: a copy-on-write list, since subscribers join a handful of
 * times and events are published constantly.
 */
final class EventPublisher implements ToolsetEvents {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

    private final ToolsetEventListener history;
    private final List<ToolsetEventListener> listeners;

    /**
     * {@code history} hears every event first, so whoever reacts to an apply finds it recorded; it
     * keeps only configuration events, so it does not count as listening to toolset outcomes.
     */
    EventPublisher(ToolsetEventListener history, List<ToolsetEventListener> listeners) {
        this.history = Objects.requireNonNull(history, "history");
        this.listeners = new CopyOnWriteArrayList<>(listeners);
    }

    @Override
    public void subscribe(ToolsetEventListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Whether any listener besides the history is subscribed. The hot path asks before it builds a
     * toolset outcome event, so an embedder that subscribes nothing pays for no event object and no
     * clock read.
     */
    boolean isListenedTo() {
        return !listeners.isEmpty();
    }

    void publish(ToolsetEvent event) {
        deliver(history, event);
        for (ToolsetEventListener listener : listeners) {
            deliver(listener, event);
        }
    }

    private static void deliver(ToolsetEventListener listener, ToolsetEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException | Error e) {
            // An Error too (a class missing at run time, a failed static initialiser): it is the
            // listener's, and must not fail the use case that published the event.
            if (isFatal(e)) {
                throw e;
            }
            // Logged here and not published as an event: the failing path is the event path
            // itself, and the listener that threw may be the one that writes event lines.
            LOG.atError().setMessage("event_listener_failed")
                    .addKeyValue("listener", listener.getClass().getName())
                    .addKeyValue("event", event.getClass().getSimpleName()).setCause(e).log();
        }
    }

    /** Whether {@code e} means the JVM itself is failing (out of memory, internal error): never swallowed. */
    static boolean isFatal(Throwable e) {
        return e instanceof VirtualMachineError && !(e instanceof StackOverflowError);
    }
}
