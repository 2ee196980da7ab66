package org.toolsetconfig.adapters.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads every request body before a route runs, without holding a thread while the bytes arrive,
 * and within one deadline for the whole body. A route then reads the body from memory. Without
 * this, a blocking read held a worker for as long as the client kept sending a byte now and then
 * (the idle timeout restarts with each byte): a few hundred such connections held every worker, and
 * {@code /healthz} stopped answering. The same held for the body of a refused request, which was
 * drained on a worker so that the refusal reached the client.
 *
 * <p>At most {@link RequestBodies#MAX_BODY_BYTES} + 1 bytes are kept, enough for a route to see that
 * a body is too large; the rest, up to {@link #MAX_DRAINED_BYTES}, is read and dropped so that the
 * refusal reaches a client that is still sending. A body not whole by the deadline is answered 408
 * and its connection closed.
 */
final class BodyPrefetch extends Handler.Wrapper {

    /** The whole body must arrive within this: 64 KiB in 10 s is 6.5 KB/s, slower than any client we serve. */
    static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);

    /**
     * How much of a body is read and dropped so that a refusal reaches the client. Past it the server
     * stops reading and the connection closes: the client may see a reset instead of the problem.
     */
    static final long MAX_DRAINED_BYTES = 1024 * 1024;

    private static final int KEPT_BYTES = RequestBodies.MAX_BODY_BYTES + 1;

    private final Duration deadline;

    BodyPrefetch(Duration deadline) {
        this.deadline = deadline;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long declared = request.getLength();
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (declared == 0 || declared < 0 && !chunked) {
            return super.handle(request, response, callback);
        }
        if (declared > MAX_DRAINED_BYTES) {
            // Refused by its declared length alone (413) without reading a byte of it.
            return super.handle(new Prefetched(request, ByteBuffer.allocate(0), Content.Chunk.EOF), response,
                    callback);
        }
        new Reader(request, response, callback).start();
        return true;
    }

    /** Collects one body on demand callbacks; whichever of "body whole" and "deadline" comes first wins. */
    private final class Reader implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final AtomicBoolean finished = new AtomicBoolean();
        private long total;
        private Scheduler.Task timer;

        Reader(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        void start() {
            timer = request.getComponents().getScheduler().schedule(this::expire, deadline);
            run();
        }

        @Override
        public void run() {
            while (!finished.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    // Bad framing or a client that left: the route reads the failure and answers 400.
                    dispatch(chunk);
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                int length = bytes.remaining();
                total += length;
                int keep = Math.min(length, KEPT_BYTES - kept.size());
                if (keep > 0) {
                    byte[] copy = new byte[keep];
                    bytes.get(copy);
                    kept.writeBytes(copy);
                }
                boolean last = chunk.isLast();
                chunk.release();
                if (last || total > MAX_DRAINED_BYTES) {
                    dispatch(Content.Chunk.EOF);
                    return;
                }
            }
        }

        private void dispatch(Content.Chunk end) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            timer.cancel();
            Prefetched whole = new Prefetched(request, ByteBuffer.wrap(kept.toByteArray()), end);
            try {
                if (!getHandler().handle(whole, response, callback)) {
                    Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                }
            } catch (Throwable failure) {
                Response.writeError(request, response, callback, failure);
            }
        }

        private void expire() {
            if (finished.compareAndSet(false, true)) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                Response.writeError(request, response, callback, HttpStatus.REQUEST_TIMEOUT_408,
                        "the request body did not arrive whole within " + deadline.toSeconds() + " s (" + total
                                + " bytes came); send it promptly and in one go");
            }
        }
    }

    /** The request as the routes see it: its body from memory, then the end the reader met. */
    private static final class Prefetched extends Request.Wrapper {
        private Content.Chunk next;
        private final Content.Chunk end;

        Prefetched(Request request, ByteBuffer body, Content.Chunk end) {
            super(request);
            this.next = body.hasRemaining() ? Content.Chunk.from(body, false) : null;
            this.end = end;
        }

        @Override
        public synchronized Content.Chunk read() {
            Content.Chunk chunk = next;
            if (chunk != null) {
                next = null;
                return chunk;
            }
            return end;
        }

        @Override
        public void demand(Runnable demandCallback) {
            // Everything is in memory: there is always something to read.
            demandCallback.run();
        }

        @Override
        public void fail(Throwable failure) {
            // Nothing is pending on the network for this copy.
        }
    }
}
