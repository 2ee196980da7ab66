package org.toolsetconfig.application.port.in;

import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;

/**
 * Re-checks the configuration file. Every trigger (startup, watch, poll, failure threshold, manual)
 * goes through one serialized reloader: concurrent calls queue and never run in parallel.
 */
public interface ReloadConfigurationUseCase {

    /** Re-checks the file now; failure counters are not touched. */
    ReloadOutcome reload(ReloadTrigger trigger);

    /**
     * The first load, before serving. Outside dev mode a result other than config_changed means the
     * service must not start; in dev mode it starts anyway with no toolsets and says so.
     */
    ReloadOutcome startup();
}
