package org.toolsetconfig.bootstrap;

import static java.util.stream.Collectors.joining;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;
import org.slf4j.event.Level;
import org.toolsetconfig.adapters.http.WebhookSettings;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.in.ProbeSettings;
import org.toolsetconfig.bootstrap.Settings.LogFormat;
import org.toolsetconfig.bootstrap.Settings.Source;
import org.toolsetconfig.bootstrap.Settings.Secret;
import org.toolsetconfig.domain.ReloadPolicy;

/**
 * One declaration per setting of DESIGN.md §4: its environment variable, the flag that overrides it,
 * its kind (what it allows), its default, whether {@code /api/v1/status} reports it (as
 * {@link #statusName()}), and a line of help. Parsing and its messages, the command line's options
 * and help, the status echo and (by a test) the README's table all read these; a new setting is one
 * more declaration here, read with {@link Settings#get}.
 */
record Setting<T>(String variable, String flag, Kind<T> kind, T defaultValue, boolean reported, String help) {

    private static final List<Setting<?>> ALL = new ArrayList<>();
    // The core and the probes own their defaults; the declarations read them rather than repeat them.
    private static final CoreSettings CORE = CoreSettings.defaults();
    private static final ProbeSettings PROBES = ProbeSettings.defaults();
    // Upper bounds the design leaves open: generous, but small enough that a typo (an extra zero or
    // three) is caught instead of silently disabling a guard for years.
    private static final long DAY = 86_400;
    private static final long WEEK = 604_800;

    static final Setting<Path> CONFIG_PATH = declare("TOOLSET_CONFIG_PATH", "--config", Kind.path(),
            Path.of("/etc/kubernaut/toolsets/toolsets.yaml"), false, "The toolset configuration file.");
    static final Setting<Source> SOURCE = declare("TOOLSET_SOURCE", "--source",
            Kind.choice("SOURCE", List.of(Source.values()), Source::shown), Source.FILE, false,
            "Where the config is read: file (the mounted ConfigMap at TOOLSET_CONFIG_PATH) or kubernetes (the "
                    + "ConfigMap through the API server, watched).");
    static final Setting<Optional<String>> CONFIGMAP_NAMESPACE = declare("TOOLSET_CONFIGMAP_NAMESPACE",
            "--configmap-namespace", Kind.optionalText("NAMESPACE", "a Kubernetes namespace", "the pod's namespace"),
            Optional.empty(), false, "Namespace of the ConfigMap (source kubernetes); outside a cluster, the "
                    + "kubeconfig context's.");
    static final Setting<String> CONFIGMAP_NAME = declare("TOOLSET_CONFIGMAP_NAME", "--configmap-name",
            Kind.text("NAME", "a ConfigMap name"), "toolset-config", false, "The ConfigMap read (source kubernetes).");
    static final Setting<String> CONFIGMAP_KEY = declare("TOOLSET_CONFIGMAP_KEY", "--configmap-key",
            Kind.text("KEY", "a ConfigMap key"), "toolsets.yaml", false,
            "The ConfigMap's key that holds the toolsets (source kubernetes).");
    static final Setting<Integer> MAX_FAILURES_BEFORE_RELOAD = declare("TOOLSET_MAX_FAILURES_BEFORE_RELOAD",
            "--max-failures-before-reload", Kind.count(ReloadPolicy.MIN_THRESHOLD, ReloadPolicy.MAX_THRESHOLD),
            CORE.reloadPolicy().maxFailuresBeforeReload(), true,
            "Consecutive failures of one toolset that force a re-check.");
    static final Setting<Duration> RELOAD_COOLDOWN_SECONDS = declare("TOOLSET_RELOAD_COOLDOWN_SECONDS",
            "--reload-cooldown-seconds", Kind.seconds(0, DAY), CORE.reloadPolicy().cooldown(), true,
            "Least time between two re-checks forced by one toolset.");
    // A poll faster than 30 s hammers the volume for nothing (the watch is the fast path); slower than
    // 5 min leaves a dead watch unnoticed too long. Clamp, don't refuse.
    static final Setting<Duration> POLL_INTERVAL_SECONDS = declare("TOOLSET_POLL_INTERVAL_SECONDS",
            "--poll-interval-seconds", Kind.clampedSeconds(30, 300, "poll_interval_too_low", "poll_interval_too_high"),
            Duration.ofSeconds(60), true, "Backstop re-check of the file, because watches die silently.");
    static final Setting<Boolean> WATCH_ENABLED = declare("TOOLSET_WATCH_ENABLED", "--watch", Kind.bool(),
            true, true, "Re-check on change notifications: file events in the file's directory, or the API "
                    + "watch (source kubernetes); the poll runs either way.");
    static final Setting<Duration> WATCH_DEBOUNCE_MILLIS = declare("TOOLSET_WATCH_DEBOUNCE_MILLIS",
            "--watch-debounce-millis", Kind.millis(0, 60_000), Duration.ofMillis(100), true,
            "Quiet time that coalesces a burst of file events into one re-check.");
    static final Setting<Long> CONFIG_MAX_BYTES = declare("TOOLSET_CONFIG_MAX_BYTES", "--config-max-bytes",
            Kind.bytes(1, 64L * 1024 * 1024), 1_048_576L, true, "Largest config file read.");
    static final Setting<Duration> SESSION_TTL_SECONDS = declare("TOOLSET_SESSION_TTL_SECONDS",
            "--session-ttl-seconds", Kind.seconds(1, WEEK), CORE.sessionTtl(), true,
            "Age at which a session is force-expired.");
    static final Setting<Duration> MAX_RELOAD_DEFERRAL_SECONDS = declare("TOOLSET_MAX_RELOAD_DEFERRAL_SECONDS",
            "--max-reload-deferral-seconds", Kind.seconds(0, WEEK), CORE.maxReloadDeferral(), true,
            "Longest a valid change waits for active sessions.");
    static final Setting<Integer> MAX_TRACKED = declare("TOOLSET_MAX_TRACKED", "--max-tracked",
            Kind.count(1, 100_000), CORE.maxTracked(), true,
            "Distinct toolset names outside the config with failure records, at most; the config's own toolsets "
                    + "are always tracked.");
    static final Setting<Integer> MAX_SESSIONS = declare("TOOLSET_MAX_SESSIONS", "--max-sessions",
            Kind.count(1, 1_000_000), CORE.maxSessions(), true, "Active sessions at most.");
    static final Setting<Integer> HISTORY_SIZE = declare("TOOLSET_HISTORY_SIZE", "--history-size",
            Kind.count(CoreSettings.MIN_HISTORY_SIZE, CoreSettings.MAX_HISTORY_SIZE), CORE.historySize(), false,
            "Applied and refused versions the change history keeps (GET /api/v1/history, /diff).");
    static final Setting<Boolean> DEV_MODE = declare("HOLMESGPT_DEV_MODE", "--dev-mode", Kind.onIfTrue(),
            CORE.devMode(), false, "Start even when the config is missing or invalid; for local development only.");
    static final Setting<String> HTTP_HOST = declare("TOOLSET_HTTP_HOST", "--host",
            Kind.text("HOST", "an address or host name"), "0.0.0.0",
            false, "Address the HTTP API binds to.");
    static final Setting<Integer> HTTP_PORT = declare("TOOLSET_HTTP_PORT", "--port", Kind.count(0, 65_535).as("PORT"),
            8080, false, "HTTP port; 0 picks a free one, logged in toolset_config_service_started.");
    static final Setting<Optional<Secret>> API_TOKEN = declare("TOOLSET_API_TOKEN", "--api-token", Kind.token(),
            Optional.empty(), false, "When set, every request under /api/v1, reads included, needs "
                    + "Authorization: Bearer <token>; prefer the file, flags show in process lists.");
    static final Setting<Optional<Secret>> API_TOKEN_FILE = declare("TOOLSET_API_TOKEN_FILE", "--api-token-file",
            Kind.tokenFile("token"), Optional.empty(), false, "File holding the bearer token; not together with the token.");
    static final Setting<LogFormat> LOG_FORMAT = declare("TOOLSET_LOG_FORMAT", "--log-format",
            Kind.choice("FORMAT", List.of(LogFormat.values()), f -> f.name().toLowerCase(Locale.ROOT)),
            LogFormat.TEXT, false, "text (time level event key=value ...) or json (one object per line).");
    static final Setting<Level> LOG_LEVEL = declare("TOOLSET_LOG_LEVEL", "--log-level",
            Kind.choice("LEVEL", List.of(Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR), Level::name)
                    .alias("WARNING", Level.WARN), Level.INFO, false, "Least level logged.");
    static final Setting<Boolean> STARTUP_PROBES = declare("TOOLSET_STARTUP_PROBES", "--startup-probes", Kind.bool(),
            PROBES.enabled(), false,
            "Probe each enabled toolset before serving (Prometheus query API, Grafana health, other "
                    + "endpoints, the API server for kubernetes/* in a cluster); an unreachable one stops startup.");
    static final Setting<Duration> PROBE_TIMEOUT_SECONDS = declare("TOOLSET_PROBE_TIMEOUT_SECONDS",
            "--probe-timeout-seconds", Kind.seconds(1, 60), PROBES.perProbeTimeout(), false,
            "Timeout of one startup probe.");
    static final Setting<Duration> PROBE_TOTAL_TIMEOUT_SECONDS = declare("TOOLSET_PROBE_TOTAL_TIMEOUT_SECONDS",
            "--probe-total-timeout-seconds", Kind.seconds(1, 600), PROBES.totalTimeout(), false,
            "Timeout of all startup probes, which run in parallel; not below one probe's.");

    static final Setting<List<URI>> WEBHOOK_URLS = declare("TOOLSET_WEBHOOK_URLS", "--webhook-urls",
            Kind.webhookUrls(), List.of(), false, "Receivers of config_applied and config_rejected as signed JSON POSTs, "
                    + "comma-separated; each gets them in order, up to 5 attempts each.");
    static final Setting<Optional<Secret>> WEBHOOK_SECRET = declare("TOOLSET_WEBHOOK_SECRET", "--webhook-secret",
            Kind.token(), Optional.empty(), false,
            "Key of the X-Toolset-Signature HMAC-SHA256 of each webhook body; prefer the file.");
    static final Setting<Optional<Secret>> WEBHOOK_SECRET_FILE = declare("TOOLSET_WEBHOOK_SECRET_FILE",
            "--webhook-secret-file", Kind.tokenFile("secret"), Optional.empty(), false,
            "File holding the webhook secret; not together with the secret.");

    private static <T> Setting<T> declare(String variable, String flag, Kind<T> kind, T defaultValue,
                                          boolean reported, String help) {
        Setting<T> setting = new Setting<>(variable, flag, kind, defaultValue, reported, help);
        ALL.add(setting);
        return setting;
    }

    /** Every setting, in the order of the README's table and of the status echo. */
    static List<Setting<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** The default as help and the README show it. */
    String shownDefault() {
        return String.valueOf(kind.shown().apply(defaultValue));
    }

    /** The variable without its prefix, in camel case: {@code TOOLSET_MAX_TRACKED} is {@code maxTracked}. */
    String statusName() {
        String[] words = variable.toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[1]);
        for (int i = 2; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }

    @Override
    public String toString() {
        return variable;
    }

    /** What a setting's text gave: its value, perhaps changed to fit (with the event to log), or why not. */
    sealed interface Parsed<T> {
        /** A usable value; {@code warning} names the log event when the text was changed to fit. */
        record Valid<T>(T value, Optional<String> warning) implements Parsed<T> {
        }

        /** Not usable; {@code why} ends with what is allowed. */
        record Refused<T>(String why) implements Parsed<T> {
        }
    }

    /**
     * What a setting allows, how its text becomes a value, and how a value is shown (in help, the
     * README and {@code /status}). A secret kind's refused text is never echoed; a negatable kind is a
     * {@code --[no-]flag}.
     */
    record Kind<T>(String label, String allowed, Function<String, Parsed<T>> parse, Function<T, Object> shown,
                   boolean negatable, boolean secret) {

        private static final int MAX_TOKEN_FILE_BYTES = 4096;

        static Kind<Integer> count(long min, long max) {
            return number("N", min, max, n -> (int) n, Integer::longValue);
        }

        static Kind<Long> bytes(long min, long max) {
            return number("BYTES", min, max, n -> n, n -> n);
        }

        static Kind<Duration> seconds(long min, long max) {
            return number("SECONDS", min, max, Duration::ofSeconds, Duration::toSeconds);
        }

        static Kind<Duration> millis(long min, long max) {
            return number("MILLIS", min, max, Duration::ofMillis, Duration::toMillis);
        }

        static Kind<Duration> clampedSeconds(long min, long max, String lowEvent, String highEvent) {
            String allowed = min + " to " + max + "; other numbers are clamped, logging " + lowEvent + " or "
                    + highEvent;
            return new Kind<>("SECONDS", allowed, text -> {
                Optional<Long> n = wholeNumber(text);
                if (n.isEmpty()) {
                    return refused("not a whole number (allowed: " + allowed + ")");
                }
                long clamped = Math.max(min, Math.min(max, n.get()));
                return new Parsed.Valid<>(Duration.ofSeconds(clamped), n.get() < min ? Optional.of(lowEvent)
                        : n.get() > max ? Optional.of(highEvent) : Optional.empty());
            }, Duration::toSeconds, false, false);
        }

        static Kind<Boolean> bool() {
            return new Kind<>("BOOLEAN", "true, false, 1, 0", text -> switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "1" -> valid(true);
                case "false", "0" -> valid(false);
                default -> refused("not a boolean (allowed: true, false, 1, 0)");
            }, b -> b, true, false);
        }

        /** B2: never an error, so a typo can only make startup stricter. */
        static Kind<Boolean> onIfTrue() {
            return new Kind<>("BOOLEAN", "on for true (any case) or 1, off otherwise",
                    text -> valid(text.equalsIgnoreCase("true") || text.equals("1")), b -> b, true, false);
        }

        static Kind<String> text(String label, String allowed) {
            return new Kind<>(label, allowed, Kind::valid, s -> s, false, false);
        }

        /** Text, or unset: then {@code unsetMeans} (shown as the default) is worked out at startup. */
        static Kind<Optional<String>> optionalText(String label, String allowed, String unsetMeans) {
            return new Kind<>(label, allowed, text -> valid(Optional.of(text)),
                    value -> value.map(Object.class::cast).orElse(unsetMeans), false, false);
        }

        static Kind<Path> path() {
            return new Kind<>("FILE", "a file path", text -> {
                try {
                    return valid(Path.of(text));
                } catch (InvalidPathException e) {
                    return refused("not a valid file path (" + e.getReason() + ")");
                }
            }, Path::toString, false, false);
        }

        static <T> Kind<T> choice(String label, List<T> values, Function<T, String> name) {
            String allowed = values.stream().map(name).collect(joining(", "));
            return new Kind<>(label, allowed, text -> values.stream().filter(v -> name.apply(v).equalsIgnoreCase(text))
                    .findFirst().map(Kind::valid).orElseGet(() -> refused("unknown value (allowed: " + allowed + ")")),
                    name::apply, false, false);
        }

        /** A secret given as text: the API token, the webhook key. */
        static Kind<Optional<Secret>> token() {
            return new Kind<>("TOKEN", "printable text without spaces", Kind::checkedToken, Kind::unsetOrHidden,
                    false, true);
        }

        /** A file holding a secret, {@code what} in the help. */
        static Kind<Optional<Secret>> tokenFile(String what) {
            return new Kind<>("FILE", "a file of at most " + MAX_TOKEN_FILE_BYTES + " bytes holding the " + what,
                    text -> {
                        byte[] bytes;
                        try (InputStream in = Files.newInputStream(Path.of(text))) {
                            bytes = in.readNBytes(MAX_TOKEN_FILE_BYTES + 1);
                        } catch (InvalidPathException | IOException e) {
                            return refused("cannot read the file (" + e.getClass().getSimpleName() + ")");
                        }
                        if (bytes.length > MAX_TOKEN_FILE_BYTES) {
                            return refused("the file is larger than " + MAX_TOKEN_FILE_BYTES + " bytes");
                        }
                        // Secrets mounted from files usually end with a newline.
                        return checkedToken(new String(bytes, StandardCharsets.UTF_8).strip());
                    }, Kind::unsetOrHidden, false, false);
        }

        /** This kind with another parameter label in the help. */
        Kind<T> as(String otherLabel) {
            return new Kind<>(otherLabel, allowed, parse, shown, negatable, secret);
        }

        /** This kind, also reading {@code name} (any case) as {@code value}. */
        Kind<T> alias(String name, T value) {
            return new Kind<>(label, allowed, text -> text.equalsIgnoreCase(name) ? valid(value) : parse.apply(text),
                    shown, negatable, secret);
        }

        private static <T> Kind<T> number(String label, long min, long max, LongFunction<T> of,
                                          ToLongFunction<T> back) {
            String allowed = min + " to " + max;
            return new Kind<>(label, allowed, text -> {
                Optional<Long> n = wholeNumber(text);
                if (n.isEmpty()) {
                    return refused("not a whole number (allowed: " + allowed + ")");
                }
                return n.get() < min || n.get() > max ? refused("out of range (allowed: " + allowed + ")")
                        : valid(of.apply(n.get()));
            }, back::applyAsLong, false, false);
        }

        private static Optional<Long> wholeNumber(String text) {
            try {
                return Optional.of(Long.parseLong(text));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        private static Parsed<Optional<Secret>> checkedToken(String token) {
            return token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c == 127)
                    ? refused("the value must be non-empty printable text without spaces")
                    : valid(Optional.of(new Secret(token)));
        }

        /**
         * Comma-separated absolute http(s) URLs. Secret: a receiver's URL often holds its token (in the
         * path or the query), so a refused value is never echoed and a set one is shown as a count.
         */
        static Kind<List<URI>> webhookUrls() {
            String allowed = "comma-separated absolute http:// or https:// URLs";
            return new Kind<>("URLS", allowed, text -> {
                String[] entries = text.split(",", -1);
                List<URI> urls = new ArrayList<>();
                for (int i = 0; i < entries.length; i++) {
                    try {
                        urls.add(WebhookSettings.target(entries[i]));
                    } catch (IllegalArgumentException e) {
                        return refused("URL " + (i + 1) + " of " + entries.length + " is " + (entries[i].isBlank()
                                ? "empty" : e.getMessage()) + " (allowed: " + allowed + ")");
                    }
                }
                return valid(List.copyOf(urls));
            }, urls -> urls.isEmpty() ? "unset" : urls.size() + (urls.size() == 1 ? " URL" : " URLs"), false, true);
        }

        private static Object unsetOrHidden(Optional<?> token) {
            return token.isPresent() ? "<hidden>" : "unset";
        }

        private static <T> Parsed<T> valid(T value) {
            return new Parsed.Valid<>(value, Optional.empty());
        }

        private static <T> Parsed<T> refused(String why) {
            return new Parsed.Refused<>(why);
        }
    }
}
