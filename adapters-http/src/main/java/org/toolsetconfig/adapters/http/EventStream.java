package org.toolsetconfig.adapters.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.application.port.in.ToolsetEvents;

/**
 * The Server-Sent Events of DESIGN.md §12, as a subscriber of the core's events: turns the events a
 * client cares about into numbered frames, keeps the last ones in a ring for {@code Last-Event-ID}
 * resumes, and fans each frame out to every connection's bounded queue. The core's thread only
 * appends to queues; one writer thread drains them with non-blocking writes, so a client that does
 * not read slows nobody: when its queue is full it is sent {@code resync} and closed.
 */
final class EventStream {

    /** Events kept for resumes. */
    static final int RING_SIZE = 1_000;
    /** Connections served at once; one more is answered 429. */
    static final int MAX_SUBSCRIBERS = 1_000;
    /** Frames waiting for one connection before it counts as stalled. */
    static final int QUEUE_SIZE = 256;
    /** Idle connections get a comment this often, so proxies and clients keep them open. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    /** The bounds of the stream; {@link #DEFAULTS} in production, smaller ones in tests. */
    record Limits(int ringSize, int maxSubscribers, int queueSize, Duration keepAlive) {
        static final Limits DEFAULTS = new Limits(RING_SIZE, MAX_SUBSCRIBERS, QUEUE_SIZE, KEEP_ALIVE);

        Limits {
            if (ringSize < 1 || maxSubscribers < 1 || queueSize < 1) {
                throw new IllegalArgumentException("event stream limits must be positive: ring " + ringSize
                        + ", subscribers " + maxSubscribers + ", queue " + queueSize);
            }
            if (keepAlive.isNegative() || keepAlive.isZero()) {
                throw new IllegalArgumentException("keep-alive period must be positive, was " + keepAlive);
            }
        }
    }

    /** One numbered event as written on the wire. */
    private record Frame(long id, byte[] bytes) {
    }

    /** Whether {@link #open} took a new connection. */
    sealed interface Opening {
        /** Registered: {@code subscriber} is already receiving live frames after its replay. */
        record Opened(EventSubscriber subscriber) implements Opening {
        }

        /** Refused because the cap is reached or the stream is closed. */
        record Refused(ProblemType type, String detail) implements Opening {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] KEEP_ALIVE_FRAME = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final Limits limits;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-stream-writer");
        thread.setDaemon(true);
        return thread;
    });

    // Guarded by this object's monitor: the ring, the id sequence and the subscribers.
    private final ArrayDeque<Frame> ring = new ArrayDeque<>();
    private final Set<EventSubscriber> subscribers = new LinkedHashSet<>();
    private long lastId;
    private boolean closed;

    private EventStream(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** A stream fed by the built core's {@code events}. */
    static EventStream attach(ToolsetEvents events, Limits limits) {
        EventStream stream = new EventStream(limits);
        events.subscribe(new ClientEvents(stream::publish));
        return stream;
    }

    /** Starts the keep-alive comments. */
    void start() {
        long period = limits.keepAlive().toMillis();
        writer.scheduleAtFixedRate(this::keepAlive, period, period, TimeUnit.MILLISECONDS);
    }

    /** Connections currently served. */
    synchronized int subscriberCount() {
        return subscribers.size();
    }

    /**
     * Registers a connection that last saw {@code lastEventId} (the header as sent, if any): it is
     * first sent what the ring holds after that id, or {@code resync} when the ring cannot tell.
     */
    synchronized Opening open(Optional<String> lastEventId) {
        if (closed) {
            return new Opening.Refused(ProblemType.SERVICE_STOPPING, "the service is stopping; reconnect to "
                    + "another replica or after the restart, with Last-Event-ID");
        }
        if (subscribers.size() >= limits.maxSubscribers()) {
            return new Opening.Refused(ProblemType.EVENT_SUBSCRIBER_CAP_REACHED, "the service already streams "
                    + "events to " + subscribers.size() + " clients, its limit; close an idle stream or try later");
        }
        List<byte[]> first = new ArrayList<>();
        first.add(": toolset config events\n\n".getBytes(StandardCharsets.UTF_8));
        lastEventId.ifPresent(header -> first.addAll(replayAfter(header)));
        EventSubscriber subscriber = new EventSubscriber(this, first, limits.queueSize());
        subscribers.add(subscriber);
        return new Opening.Opened(subscriber);
    }

    /** Sends the final event to every connection and closes them once it is written. */
    void close() {
        List<EventSubscriber> all;
        byte[] last;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            lastId++;
            last = frame(lastId, "shutdown", Map.of("reason", "the service is stopping; reconnect "
                    + "with Last-Event-ID"));
            all = List.copyOf(subscribers);
        }
        all.forEach(subscriber -> subscriber.finishWith(last, false));
    }

    /** Stops the writer thread; after the HTTP server stopped, so no connection waits on it. */
    void stopWriter() {
        writer.shutdownNow();
    }

    synchronized void remove(EventSubscriber subscriber) {
        subscribers.remove(subscriber);
    }

    private record Resync(String reason, long lastEventId) {
    }

    private void publish(String name, Object data) {
        List<EventSubscriber> all;
        List<EventSubscriber> stalled = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            lastId++;
            Frame frame = new Frame(lastId, frame(lastId, name, data));
            ring.addLast(frame);
            if (ring.size() > limits.ringSize()) {
                ring.removeFirst();
            }
            all = fanOut(frame.bytes(), stalled);
        }
        cutOff(stalled);
        runOnWriter(() -> all.forEach(EventSubscriber::drain));
    }

    private void keepAlive() {
        try {
            List<EventSubscriber> all;
            List<EventSubscriber> stalled = new ArrayList<>();
            synchronized (this) {
                all = fanOut(KEEP_ALIVE_FRAME, stalled);
            }
            cutOff(stalled);
            all.forEach(EventSubscriber::drain);
        } catch (RuntimeException | Error e) {
            // A scheduled task that throws is never run again; the next period must still come.
            LOG.error("event_stream_keep_alive_failed", e);
        }
    }

    // Called holding the monitor: queues the frame everywhere, takes the stalled out of the fan-out.
    private List<EventSubscriber> fanOut(byte[] bytes, List<EventSubscriber> stalled) {
        for (EventSubscriber subscriber : subscribers) {
            if (!subscriber.offer(bytes)) {
                stalled.add(subscriber);
            }
        }
        subscribers.removeAll(stalled);
        return List.copyOf(subscribers);
    }

    private void cutOff(List<EventSubscriber> stalled) {
        if (stalled.isEmpty()) {
            return;
        }
        long at;
        synchronized (this) {
            at = lastId;
        }
        // No id: the client keeps the last id it did read, and resumes from the ring if it still can.
        byte[] resync = frame(-1, "resync", new Resync("this client fell more than " + limits.queueSize()
                + " events behind and was disconnected; re-read the toolsets", at));
        runOnWriter(() -> stalled.forEach(subscriber -> subscriber.finishWith(resync, true)));
    }

    // Called holding the monitor.
    private List<byte[]> replayAfter(String header) {
        long seen;
        try {
            seen = Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return List.of(resyncFrame("Last-Event-ID is not an event id (a number); re-read the toolsets"));
        }
        if (seen == lastId) {
            return List.of();
        }
        long oldestKept = ring.isEmpty() ? lastId + 1 : ring.getFirst().id();
        if (seen > lastId || seen < oldestKept - 1) {
            return List.of(resyncFrame("event " + seen + " is " + (seen > lastId ? "newer than the last event"
                    + " (a previous run of the service)" : "no longer kept") + "; re-read the toolsets"));
        }
        List<byte[]> replay = new ArrayList<>();
        ring.stream().filter(frame -> frame.id() > seen).forEach(frame -> replay.add(frame.bytes()));
        return replay;
    }

    private byte[] resyncFrame(String reason) {
        return frame(lastId, "resync", new Resync(reason, lastId));
    }

    private void runOnWriter(Runnable task) {
        try {
            writer.execute(task);
        } catch (RejectedExecutionException e) {
            // Stopped: the server has stopped too and its connections are gone.
        }
    }

    /** An SSE frame; {@code id} below 0 writes no {@code id:} line. JSON escapes every line break. */
    private static byte[] frame(long id, String name, Object data) {
        String json;
        try {
            json = JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data of " + name + " is not serializable", e);
        }
        return ((id >= 0 ? "id: " + id + "\n" : "") + "event: " + name + "\ndata: " + json + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
