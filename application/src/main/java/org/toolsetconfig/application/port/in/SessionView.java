package org.toolsetconfig.application.port.in;

import java.util.Objects;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.Session;

/** A session with the snapshot it pinned: what the investigation sees, whatever is active now. */
public record SessionView(Session session, ConfigSnapshot snapshot) {

    public SessionView {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(snapshot, "snapshot");
    }
}
