package org.toolsetconfig.bootstrap;

import java.util.List;
import java.util.Objects;
import org.toolsetconfig.domain.ReloadOutcome;

/** How {@link Service#start()} ended. */
sealed interface StartResult permits StartResult.Started, StartResult.Refused, StartResult.Failed {

    /** Everything runs; {@code firstLoad} is what the startup load found (not config_changed only in dev mode). */
    record Started(ReloadOutcome firstLoad) implements StartResult {
        public Started {
            Objects.requireNonNull(firstLoad, "firstLoad");
        }
    }

    /** B1: the configuration is missing or invalid; nothing was started. {@code lines} are for stderr. */
    record Refused(ReloadOutcome firstLoad, List<String> lines) implements StartResult {
        public Refused {
            Objects.requireNonNull(firstLoad, "firstLoad");
            lines = List.copyOf(lines);
        }
    }

    /** A component failed to start ({@code component}); the ones started before it were stopped again. */
    record Failed(String component, RuntimeException cause) implements StartResult {
        public Failed {
            Objects.requireNonNull(component, "component");
            Objects.requireNonNull(cause, "cause");
        }
    }
}
