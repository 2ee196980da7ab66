package org.toolsetconfig.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.event.Level;
import org.toolsetconfig.application.port.in.ProbeSettings;
import org.toolsetconfig.application.port.in.ServiceSettings;
import org.toolsetconfig.bootstrap.SettingsResolution.SettingWarning;
import org.toolsetconfig.domain.InvalidValueException;

/**
 * Reads the settings of DESIGN.md §4 from the environment, each overridden by its flag, and checks
 * every one. All bad values are reported together, so an operator fixes them in one go.
 */
final class SettingsResolver {

    static final long POLL_MIN_SECONDS = 30;
    static final long POLL_MAX_SECONDS = 300;

    // Upper bounds the design leaves open: generous, but small enough that a typo (an extra zero or
    // three) is caught instead of silently disabling a guard for years.
    static final long MAX_COOLDOWN_SECONDS = 86_400;
    static final long MAX_DEBOUNCE_MILLIS = 60_000;
    static final long MAX_CONFIG_BYTES = 64L * 1024 * 1024;
    static final long MAX_SESSION_SECONDS = 604_800;
    static final long MAX_TRACKED = 100_000;
    static final long MAX_SESSIONS = 1_000_000;
    private static final int MAX_TOKEN_FILE_BYTES = 4096;
    private static final int MAX_ECHO = 64;

    private final Map<String, String> environment;
    private final Map<Setting, String> flags;
    private final List<String> problems = new ArrayList<>();
    private final List<SettingWarning> warnings = new ArrayList<>();

    private SettingsResolver(Map<String, String> environment, Map<Setting, String> flags) {
        this.environment = Map.copyOf(environment);
        this.flags = Map.copyOf(flags);
    }

    /** The settings that {@code environment} and the given {@code flags} describe. */
    static SettingsResolution resolve(Map<String, String> environment, Map<Setting, String> flags) {
        return new SettingsResolver(environment, flags).resolve();
    }

    private SettingsResolution resolve() {
        String configPath = configPath();
        int maxFailures = (int) number(Setting.MAX_FAILURES_BEFORE_RELOAD, 3, 1, 10);
        long cooldown = number(Setting.RELOAD_COOLDOWN_SECONDS, 60, 0, MAX_COOLDOWN_SECONDS);
        long poll = pollInterval();
        boolean watch = bool(Setting.WATCH_ENABLED, true);
        long debounce = number(Setting.WATCH_DEBOUNCE_MILLIS, 100, 0, MAX_DEBOUNCE_MILLIS);
        long maxBytes = number(Setting.CONFIG_MAX_BYTES, 1_048_576, 1, MAX_CONFIG_BYTES);
        long ttl = number(Setting.SESSION_TTL_SECONDS, 600, 1, MAX_SESSION_SECONDS);
        long deferral = number(Setting.MAX_RELOAD_DEFERRAL_SECONDS, 600, 0, MAX_SESSION_SECONDS);
        int maxTracked = (int) number(Setting.MAX_TRACKED, 1000, 1, MAX_TRACKED);
        int maxSessions = (int) number(Setting.MAX_SESSIONS, 10_000, 1, MAX_SESSIONS);
        boolean devMode = devMode();
        String host = value(Setting.HTTP_HOST).map(Value::text).orElse("0.0.0.0");
        int port = (int) number(Setting.HTTP_PORT, 8080, 0, 65_535);
        Optional<Settings.ApiToken> token = apiToken();
        Settings.LogFormat format = logFormat();
        Level level = logLevel();
        boolean probes = bool(Setting.STARTUP_PROBES, true);
        long probeTimeout = number(Setting.PROBE_TIMEOUT_SECONDS, 5, 1, 60);
        long probeTotal = number(Setting.PROBE_TOTAL_TIMEOUT_SECONDS, 30, 1, 600);
        if (problems.isEmpty() && probeTotal < probeTimeout) {
            problems.add("Invalid settings: " + Setting.PROBE_TOTAL_TIMEOUT_SECONDS.variable() + "="
                    + probeTotal + " is shorter than " + Setting.PROBE_TIMEOUT_SECONDS.variable() + "="
                    + probeTimeout + " (allowed: a total of at least one probe's timeout)");
        }
        if (!problems.isEmpty()) {
            return new SettingsResolution.Rejected(problems);
        }
        try {
            ServiceSettings service = new ServiceSettings(configPath, maxFailures, Duration.ofSeconds(cooldown),
                    Duration.ofSeconds(poll), watch, Duration.ofMillis(debounce), maxBytes, Duration.ofSeconds(ttl),
                    Duration.ofSeconds(deferral), maxTracked, maxSessions, devMode);
            ProbeSettings probeSettings = new ProbeSettings(probes, Duration.ofSeconds(probeTimeout),
                    Duration.ofSeconds(probeTotal));
            return new SettingsResolution.Resolved(
                    new Settings(service, probeSettings, host, port, token, format, level), warnings);
        } catch (InvalidValueException e) {
            // The ranges above keep every value valid; this only fires if the core's rules tighten.
            return new SettingsResolution.Rejected(List.of("Invalid settings: " + e.getMessage()));
        }
    }

    /** A value as given, and where it came from, for messages. */
    private record Value(Setting setting, String text, boolean fromFlag) {
        String source() {
            return fromFlag ? setting.flag() + "=" + echo(text) + " (" + setting.variable() + ")"
                    : setting.variable() + "=" + echo(text);
        }
    }

    private Optional<Value> value(Setting setting) {
        String flag = flags.get(setting);
        if (flag != null) {
            return Optional.of(new Value(setting, flag.strip(), true));
        }
        String variable = environment.get(setting.variable());
        // Kubernetes renders an empty `value:` as an empty variable; treat it as unset.
        return variable == null || variable.isBlank() ? Optional.empty()
                : Optional.of(new Value(setting, variable.strip(), false));
    }

    private void reject(Value value, String why) {
        problems.add("Invalid setting " + value.source() + ": " + why);
    }

    private long number(Setting setting, long defaultValue, long min, long max) {
        Optional<Value> given = value(setting);
        if (given.isEmpty()) {
            return defaultValue;
        }
        String allowed = "allowed: " + min + " to " + max;
        try {
            long parsed = Long.parseLong(given.get().text());
            if (parsed < min || parsed > max) {
                reject(given.get(), "out of range (" + allowed + ")");
                return defaultValue;
            }
            return parsed;
        } catch (NumberFormatException e) {
            reject(given.get(), "not a whole number (" + allowed + ")");
            return defaultValue;
        }
    }

    private long pollInterval() {
        Optional<Value> given = value(Setting.POLL_INTERVAL_SECONDS);
        if (given.isEmpty()) {
            return 60;
        }
        long requested;
        try {
            requested = Long.parseLong(given.get().text());
        } catch (NumberFormatException e) {
            reject(given.get(), "not a whole number (allowed: " + POLL_MIN_SECONDS + " to " + POLL_MAX_SECONDS
                    + "; other numbers are clamped)");
            return 60;
        }
        // A poll faster than 30 s hammers the API server's volume for nothing (the watch is the fast
        // path); slower than 5 min leaves a dead watch unnoticed too long. Clamp, don't refuse.
        if (requested < POLL_MIN_SECONDS) {
            warnings.add(new SettingWarning("poll_interval_too_low", Setting.POLL_INTERVAL_SECONDS,
                    given.get().text(), POLL_MIN_SECONDS));
            return POLL_MIN_SECONDS;
        }
        if (requested > POLL_MAX_SECONDS) {
            warnings.add(new SettingWarning("poll_interval_too_high", Setting.POLL_INTERVAL_SECONDS,
                    given.get().text(), POLL_MAX_SECONDS));
            return POLL_MAX_SECONDS;
        }
        return requested;
    }

    private boolean bool(Setting setting, boolean defaultValue) {
        Optional<Value> given = value(setting);
        if (given.isEmpty()) {
            return defaultValue;
        }
        String text = given.get().text().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("1")) {
            return true;
        }
        if (text.equals("false") || text.equals("0")) {
            return false;
        }
        reject(given.get(), "not a boolean (allowed: true, false, 1, 0)");
        return defaultValue;
    }

    private boolean devMode() {
        // B2: on for `true` in any case or `1`, off for anything else — never an error, so a
        // typo can only make startup stricter.
        return value(Setting.DEV_MODE).map(v -> v.text().equalsIgnoreCase("true") || v.text().equals("1"))
                .orElse(false);
    }

    private String configPath() {
        Optional<Value> given = value(Setting.CONFIG_PATH);
        if (given.isEmpty()) {
            return ServiceSettings.defaults().configPath();
        }
        try {
            Path.of(given.get().text());
            return given.get().text();
        } catch (InvalidPathException e) {
            reject(given.get(), "not a valid file path (" + e.getReason() + ")");
            return ServiceSettings.defaults().configPath();
        }
    }

    private Optional<Settings.ApiToken> apiToken() {
        Optional<Value> token = value(Setting.API_TOKEN);
        Optional<Value> file = value(Setting.API_TOKEN_FILE);
        if (token.isPresent() && file.isPresent()) {
            problems.add("Invalid settings: set only one of " + Setting.API_TOKEN.variable() + " and "
                    + Setting.API_TOKEN_FILE.variable());
            return Optional.empty();
        }
        if (token.isPresent()) {
            return checkedToken(token.get(), token.get().text());
        }
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(file.get().text());
            byte[] bytes;
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes(MAX_TOKEN_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_TOKEN_FILE_BYTES) {
                reject(file.get(), "the file is larger than " + MAX_TOKEN_FILE_BYTES + " bytes");
                return Optional.empty();
            }
            // Secrets mounted from files usually end with a newline.
            return checkedToken(file.get(), new String(bytes, StandardCharsets.UTF_8).strip());
        } catch (InvalidPathException | IOException e) {
            reject(file.get(), "cannot read the file (" + e.getClass().getSimpleName() + ")");
            return Optional.empty();
        }
    }

    private Optional<Settings.ApiToken> checkedToken(Value source, String token) {
        if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            // Never echo a token: name the source only.
            problems.add("Invalid setting " + (source.setting() == Setting.API_TOKEN
                    ? source.setting().variable() : source.source())
                    + ": the token must be non-empty printable text without spaces");
            return Optional.empty();
        }
        return Optional.of(new Settings.ApiToken(token));
    }

    private Settings.LogFormat logFormat() {
        Optional<Value> given = value(Setting.LOG_FORMAT);
        if (given.isEmpty()) {
            return Settings.LogFormat.TEXT;
        }
        try {
            return Settings.LogFormat.valueOf(given.get().text().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            reject(given.get(), "unknown format (allowed: text, json)");
            return Settings.LogFormat.TEXT;
        }
    }

    private Level logLevel() {
        Optional<Value> given = value(Setting.LOG_LEVEL);
        if (given.isEmpty()) {
            return Level.INFO;
        }
        String text = given.get().text().toUpperCase(Locale.ROOT);
        try {
            return Level.valueOf(text.equals("WARNING") ? "WARN" : text);
        } catch (IllegalArgumentException e) {
            reject(given.get(), "unknown level (allowed: TRACE, DEBUG, INFO, WARN, ERROR)");
            return Level.INFO;
        }
    }

    /** The value as it is safe to print: control characters escaped, at most 64 characters. */
    private static String echo(String raw) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length() && out.length() < MAX_ECHO; i++) {
            char c = raw.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return raw.length() > MAX_ECHO ? out + "…" : out.toString();
    }
}
