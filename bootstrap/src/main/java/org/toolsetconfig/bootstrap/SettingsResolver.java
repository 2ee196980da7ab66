package org.toolsetconfig.bootstrap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.toolsetconfig.bootstrap.Setting.Parsed;
import org.toolsetconfig.bootstrap.SettingsResolution.SettingWarning;
import org.toolsetconfig.domain.Printable;

/**
 * Reads every declared {@link Setting} from the environment, each overridden by its flag, and checks
 * it. All bad values are reported together, so an operator fixes them in one go.
 */
final class SettingsResolver {

    private final Map<String, String> environment;
    private final Map<Setting<?>, String> flags;
    private final Map<Setting<?>, Object> values = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<SettingWarning> warnings = new ArrayList<>();

    private SettingsResolver(Map<String, String> environment, Map<Setting<?>, String> flags) {
        this.environment = environment;
        this.flags = flags;
    }

    /** The settings that {@code environment} and the given {@code flags} describe. */
    static SettingsResolution resolve(Map<String, String> environment, Map<Setting<?>, String> flags) {
        return new SettingsResolver(environment, flags).resolve();
    }

    private SettingsResolution resolve() {
        Setting.all().forEach(this::read);
        if (problems.isEmpty()) {
            Settings settings = new Settings(values);
            onlyOneOf(settings, Setting.API_TOKEN, Setting.API_TOKEN_FILE);
            onlyOneOf(settings, Setting.WEBHOOK_SECRET, Setting.WEBHOOK_SECRET_FILE);
            Duration probe = settings.get(Setting.PROBE_TIMEOUT_SECONDS);
            Duration total = settings.get(Setting.PROBE_TOTAL_TIMEOUT_SECONDS);
            if (total.compareTo(probe) < 0) {
                problems.add("Invalid settings: " + Setting.PROBE_TOTAL_TIMEOUT_SECONDS + "=" + total.toSeconds()
                        + " is shorter than " + Setting.PROBE_TIMEOUT_SECONDS + "=" + probe.toSeconds()
                        + " (allowed: a total of at least one probe's timeout)");
            }
            if (problems.isEmpty()) {
                return new SettingsResolution.Resolved(settings, warnings);
            }
        }
        return new SettingsResolution.Rejected(problems);
    }

    private void onlyOneOf(Settings settings, Setting<? extends Optional<?>> value, Setting<? extends Optional<?>> file) {
        if (settings.get(value).isPresent() && settings.get(file).isPresent()) {
            problems.add("Invalid settings: set only one of " + value + " and " + file);
        }
    }

    private <T> void read(Setting<T> setting) {
        String flag = flags.get(setting);
        String variable = environment.get(setting.variable());
        // Kubernetes renders an empty `value:` as an empty variable; treat it as unset.
        String text = flag != null ? flag.strip() : variable == null || variable.isBlank() ? null : variable.strip();
        if (text == null) {
            values.put(setting, setting.defaultValue());
            return;
        }
        Parsed<T> parsed = setting.kind().parse().apply(text);
        if (parsed instanceof Parsed.Valid<T> valid) {
            values.put(setting, valid.value());
            valid.warning().ifPresent(event -> warnings.add(
                    new SettingWarning(event, setting, text, setting.kind().shown().apply(valid.value()))));
        } else {
            // A secret is never echoed: name the variable only.
            String source = setting.kind().secret() ? setting.variable()
                    : flag != null ? setting.flag() + "=" + Printable.of(text) + " (" + setting.variable() + ")"
                    : setting.variable() + "=" + Printable.of(text);
            problems.add("Invalid setting " + source + ": " + ((Parsed.Refused<T>) parsed).why());
        }
    }
}
