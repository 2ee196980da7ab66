package org.toolsetconfig.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.toolsetconfig.application.logging.StructuredLoggingListener;
import org.toolsetconfig.application.port.in.ValidateConfigurationUseCase;
import org.toolsetconfig.application.port.in.ValidationReport;
import org.toolsetconfig.application.port.out.ConfigSource;
import org.toolsetconfig.application.port.out.SourceRead;

/**
 * One configuration file read and checked exactly as the service reads it (same source, same
 * {@code TOOLSET_CONFIG_MAX_BYTES}, same decoder and rules), nothing applied: what {@code validate}
 * and {@code diff} stand on.
 */
final class ConfigFileCheck {

    /** What checking a file found. */
    sealed interface Result {
        /** A setting that bears on reading the file is wrong; {@code problems} say which. */
        record SettingsRefused(List<String> problems) implements Result {
        }

        /** The file cannot be read: missing, not a file, unreadable or too large. */
        record Unreadable(String message) implements Result {
        }

        /** The file was read and validated; {@code injector} holds the core that checked it. */
        record Checked(Injector injector, ValidationReport report) implements Result {
        }
    }

    private ConfigFileCheck() {
    }

    /** Reads and validates {@code file}; {@code extra} modules add to the core (the probe of {@code validate --probe}). */
    static Result check(Map<String, String> environment, String file, List<Module> extra) {
        SettingsResolution resolution = SettingsResolver.resolve(relevant(environment),
                Map.of(Setting.CONFIG_PATH, file));
        if (resolution instanceof SettingsResolution.Rejected rejected) {
            return new Result.SettingsRefused(rejected.problems());
        }
        Settings settings = ((SettingsResolution.Resolved) resolution).settings();
        // The report is the command's stdout; keep log lines (decoder warnings) off it.
        LogSetup.apply(Settings.LogFormat.TEXT, org.slf4j.event.Level.WARN, LogSetup.Target.STDERR);
        // The commands print their own reports; the service's event lines (the probes' summary) would repeat them.
        LogSetup.silence(StructuredLoggingListener.LOGGER_NAME);
        List<Module> modules = new ArrayList<>(List.of(new SettingsModule(settings), new FilesystemAdapterModule(),
                new YamlDecoderModule(), new CoreModule()));
        modules.addAll(extra);
        Injector injector = Guice.createInjector(modules);
        SourceRead read = injector.getInstance(ConfigSource.class).read();
        if (read instanceof SourceRead.Unavailable unavailable) {
            return new Result.Unreadable(unavailable.message());
        }
        return new Result.Checked(injector, injector.getInstance(ValidateConfigurationUseCase.class)
                .validate(((SourceRead.Content) read).bytes()));
    }

    /** Only what bears on reading and probing a file; the rest of the environment is the service's. */
    private static Map<String, String> relevant(Map<String, String> environment) {
        Map<String, String> relevant = new HashMap<>();
        for (Setting<?> setting : List.<Setting<?>>of(Setting.CONFIG_MAX_BYTES, Setting.PROBE_TIMEOUT_SECONDS,
                Setting.PROBE_TOTAL_TIMEOUT_SECONDS)) {
            String value = environment.get(setting.variable());
            if (value != null) {
                relevant.put(setting.variable(), value);
            }
        }
        return relevant;
    }
}
