package org.toolsetconfig.application.port.in;

import java.util.List;
import org.toolsetconfig.domain.Toolset;

/**
 * Probes every given toolset in parallel before the service serves (BR-HAPI-186/187). Reloads never
 * probe: a toolset that is down is exactly when a reload must still go through.
 */
public interface ValidateConnectivityUseCase {

    /** Probes {@code toolsets} in parallel, each within the per-probe timeout and all within the total one. */
    ConnectivityReport probe(List<Toolset> toolsets);
}
