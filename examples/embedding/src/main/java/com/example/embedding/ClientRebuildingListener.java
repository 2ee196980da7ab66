package com.example.embedding;

import java.util.concurrent.atomic.AtomicReference;
import org.toolsetconfig.application.port.out.ToolsetConfigListener;
import org.toolsetconfig.domain.ConfigSnapshot;

/**
 * Re-creates the {@link ToolsetClient} each time a new snapshot becomes active, and closes the one it replaces.
 * The core applies a changed configuration only when no investigation session is active (or the maximum deferral
 * has passed), so closing the old client here does not pull it from under a running investigation.
 */
public final class ClientRebuildingListener implements ToolsetConfigListener {

    private final AtomicReference<ToolsetClient> client = new AtomicReference<>(ToolsetClient.empty());

    // tag::listener[]
    @Override
    public void onConfigApplied(ConfigSnapshot previous, ConfigSnapshot current) {
        ToolsetClient replaced = client.getAndSet(ToolsetClient.of(current));
        replaced.close();
    }
    // end::listener[]

    /** The client built from the active snapshot. */
    public ToolsetClient client() {
        return client.get();
    }
}
