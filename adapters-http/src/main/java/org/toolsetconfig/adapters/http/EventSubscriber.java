package org.toolsetconfig.adapters.http;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * One event-stream connection: a bounded queue of frames and a non-blocking writer (Servlet
 * {@link WriteListener}), so no thread waits on a client that does not read. The queue and the
 * stream are guarded by this object's monitor; whoever drains (the stream's writer thread, or
 * Jetty's thread when the socket can take more) writes only while {@code isReady()}.
 */
final class EventSubscriber implements WriteListener {

    private final EventStream stream;
    private final int capacity;
    private final ArrayDeque<byte[]> queue;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final AtomicBoolean ended = new AtomicBoolean();

    private AsyncContext async;
    private ServletOutputStream out;
    private boolean unflushed;
    private boolean finishing;

    EventSubscriber(EventStream stream, List<byte[]> first, int capacity) {
        this.stream = stream;
        // The replay may be longer than the live bound; it is written before anything live.
        this.capacity = first.size() + capacity;
        this.queue = new ArrayDeque<>(first);
    }

    /**
     * Starts writing on {@code context}, already in async mode. The future completes when the
     * connection is done; Javalin then completes the response.
     */
    synchronized CompletableFuture<Void> attach(AsyncContext context) throws IOException {
        async = context;
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                end();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                end();
            }

            @Override
            public void onError(AsyncEvent event) {
                end();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // Never started again.
            }
        });
        out = async.getResponse().getOutputStream();
        out.setWriteListener(this);
        return done;
    }

    /** Queues a frame; {@code false} when the queue is full: the client is not keeping up. */
    synchronized boolean offer(byte[] frame) {
        if (finishing) {
            return true;
        }
        if (queue.size() >= capacity) {
            return false;
        }
        queue.addLast(frame);
        return true;
    }

    /**
     * Ends the stream with {@code last}: after what is queued, or instead of it when
     * {@code dropQueued}. A connection that cannot take even that now is cut at once.
     */
    void finishWith(byte[] last, boolean dropQueued) {
        boolean stalled;
        synchronized (this) {
            if (dropQueued) {
                queue.clear();
            }
            queue.addLast(last);
            finishing = true;
            stalled = dropQueued && out != null && !out.isReady();
        }
        if (stalled) {
            abort();
        } else {
            drain();
        }
    }

    @Override
    public void onWritePossible() {
        drain();
    }

    @Override
    public void onError(Throwable failure) {
        end();
    }

    /** Writes what is queued while the socket takes it without blocking. */
    void drain() {
        boolean finished = false;
        synchronized (this) {
            if (out == null || ended.get()) {
                return;
            }
            try {
                while (out.isReady()) {
                    byte[] next = queue.pollFirst();
                    if (next == null) {
                        if (unflushed) {
                            unflushed = false;
                            out.flush();
                            continue;
                        }
                        finished = finishing;
                        break;
                    }
                    out.write(next);
                    unflushed = true;
                }
            } catch (IOException | IllegalStateException e) {
                // The client went away; nothing to tell anyone.
                finished = true;
            }
        }
        if (finished) {
            end();
        }
    }

    /** Drops the connection without waiting for the client: its socket is full. */
    private void abort() {
        AsyncContext context;
        synchronized (this) {
            context = async;
        }
        if (context != null) {
            ServletContextRequest.getServletContextRequest(context.getRequest()).getConnectionMetaData()
                    .getConnection().getEndPoint().close();
        }
        end();
    }

    private void end() {
        if (ended.compareAndSet(false, true)) {
            stream.remove(this);
            done.complete(null);
        }
    }
}
