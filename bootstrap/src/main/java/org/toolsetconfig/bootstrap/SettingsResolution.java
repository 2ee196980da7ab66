package org.toolsetconfig.bootstrap;

import java.util.List;
import java.util.Objects;

/** What came of reading the settings: usable settings (perhaps with warnings), or why not. */
sealed interface SettingsResolution permits SettingsResolution.Resolved, SettingsResolution.Rejected {

    /** Every setting is usable; {@code warnings} are to be logged once logging is set up. */
    record Resolved(Settings settings, List<SettingWarning> warnings) implements SettingsResolution {
        public Resolved {
            Objects.requireNonNull(settings, "settings");
            warnings = List.copyOf(warnings);
        }
    }

    /** At least one setting is unusable; one message per bad value, each naming the variable, the value and the allowed range. */
    record Rejected(List<String> problems) implements SettingsResolution {
        public Rejected {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs at least one problem");
            }
        }
    }

    /** A value changed to fit, such as a clamped poll interval; {@code event} is the log event's name. */
    record SettingWarning(String event, Setting<?> setting, String requested, Object used) {
        public SettingWarning {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(setting, "setting");
            Objects.requireNonNull(requested, "requested");
            Objects.requireNonNull(used, "used");
        }
    }
}
