package com.example.embedding;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetName;

/**
 * Stands for whatever the embedding service builds from the toolsets: HTTP clients for their endpoints, a tool
 * registry for the engine. Built from one snapshot, immutable, closed when a newer one replaces it.
 */
public final class ToolsetClient implements AutoCloseable {

    private final long generation;
    private final List<Toolset> toolsets;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ToolsetClient(long generation, List<Toolset> toolsets) {
        this.generation = generation;
        this.toolsets = List.copyOf(toolsets);
    }

    /** A client for the toolsets of {@code snapshot}. */
    public static ToolsetClient of(ConfigSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        return new ToolsetClient(snapshot.generation(), snapshot.toolsets());
    }

    /** A client with no toolsets, before the first snapshot. */
    public static ToolsetClient empty() {
        return new ToolsetClient(0, List.of());
    }

    /** The generation of the snapshot this client was built from. */
    public long generation() {
        return generation;
    }

    /** The names of its toolsets, in the order the engine tries them. */
    public List<ToolsetName> toolsetNames() {
        return toolsets.stream().map(Toolset::name).toList();
    }

    /** The endpoint this client would call for {@code name}. */
    public Optional<URI> endpoint(ToolsetName name) {
        return toolsets.stream().filter(toolset -> toolset.name().equals(name)).findFirst()
                .flatMap(Toolset::endpoint);
    }

    /** Whether a newer client replaced this one. */
    public boolean isClosed() {
        return closed.get();
    }

    /** Releases what the client holds (connections, threads). Idempotent. */
    @Override
    public void close() {
        closed.set(true);
    }
}
