package org.toolsetconfig.application.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.toolsetconfig.application.port.out.ConfigSource;
import org.toolsetconfig.application.port.out.SourceRead;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.RevisionStamp;

/**
 * A configuration "file" held in memory: tests set its content, its mtime or make it unavailable.
 * It counts reads and records whether two reads ever overlapped.
 */
public final class InMemoryConfigSource implements ConfigSource {

    private volatile SourceRead current;
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean overlapped;

    public InMemoryConfigSource(String content) {
        write(content, Instant.parse("2026-01-01T00:00:00Z"));
    }

    public void write(String content, Instant modifiedAt) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        current = new SourceRead.Content(bytes, new RevisionStamp(modifiedAt, bytes.length));
    }

    /** Changes the content and keeps the previous modification time, like a coarse-mtime filesystem. */
    public void write(String content) {
        Instant mtime = current instanceof SourceRead.Content c ? c.revision().modifiedAt() : Instant.EPOCH;
        write(content, mtime);
    }

    public void makeUnavailable(ReloadOutcome.ErrorKind kind) {
        current = new SourceRead.Unavailable(kind, "test: " + kind);
    }

    public int reads() {
        return reads.get();
    }

    public boolean readsOverlapped() {
        return overlapped;
    }

    @Override
    public SourceRead read() {
        if (inFlight.incrementAndGet() > 1) {
            overlapped = true;
        }
        try {
            reads.incrementAndGet();
            Thread.onSpinWait();
            return current;
        } finally {
            inFlight.decrementAndGet();
        }
    }
}
