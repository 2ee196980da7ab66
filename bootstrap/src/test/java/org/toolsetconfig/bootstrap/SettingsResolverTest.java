package org.toolsetconfig.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.event.Level;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.in.ProbeSettings;
import org.toolsetconfig.bootstrap.SettingsResolution.SettingWarning;
import org.toolsetconfig.domain.ReloadPolicy;

class SettingsResolverTest {

    private static Settings resolved(Map<String, String> environment) {
        return resolved(environment, Map.of());
    }

    private static Settings resolved(Map<String, String> environment, Map<Setting<?>, String> flags) {
        SettingsResolution resolution = SettingsResolver.resolve(environment, flags);
        return assertInstanceOf(SettingsResolution.Resolved.class, resolution, resolution::toString).settings();
    }

    private static List<String> rejected(Map<String, String> environment, Map<Setting<?>, String> flags) {
        SettingsResolution resolution = SettingsResolver.resolve(environment, flags);
        return assertInstanceOf(SettingsResolution.Rejected.class, resolution, resolution::toString).problems();
    }

    @Test
    void emptyEnvironmentGivesTheDefaultsOfTheDesign() {
        Settings settings = resolved(Map.of());

        assertEquals(CoreSettings.defaults(), settings.core());
        assertEquals(Path.of("/etc/kubernaut/toolsets/toolsets.yaml"), settings.get(Setting.CONFIG_PATH));
        assertEquals(Duration.ofSeconds(60), settings.get(Setting.POLL_INTERVAL_SECONDS));
        assertTrue(settings.get(Setting.WATCH_ENABLED));
        assertEquals(Duration.ofMillis(100), settings.get(Setting.WATCH_DEBOUNCE_MILLIS));
        assertEquals(1_048_576L, settings.get(Setting.CONFIG_MAX_BYTES));
        assertEquals(ProbeSettings.defaults(), settings.probes());
        assertEquals("0.0.0.0", settings.get(Setting.HTTP_HOST));
        assertEquals(8080, settings.get(Setting.HTTP_PORT));
        assertEquals(Optional.empty(), settings.apiToken());
        assertEquals(Settings.LogFormat.TEXT, settings.get(Setting.LOG_FORMAT));
        assertEquals(Level.INFO, settings.get(Setting.LOG_LEVEL));
    }

    @Test
    void everyVariableIsRead() {
        Map<String, String> environment = new HashMap<>();
        environment.put("TOOLSET_CONFIG_PATH", "/cfg/toolsets.yaml");
        environment.put("TOOLSET_MAX_FAILURES_BEFORE_RELOAD", "5");
        environment.put("TOOLSET_RELOAD_COOLDOWN_SECONDS", "0");
        environment.put("TOOLSET_POLL_INTERVAL_SECONDS", "45");
        environment.put("TOOLSET_WATCH_ENABLED", "false");
        environment.put("TOOLSET_WATCH_DEBOUNCE_MILLIS", "250");
        environment.put("TOOLSET_CONFIG_MAX_BYTES", "2048");
        environment.put("TOOLSET_SESSION_TTL_SECONDS", "120");
        environment.put("TOOLSET_MAX_RELOAD_DEFERRAL_SECONDS", "30");
        environment.put("TOOLSET_MAX_TRACKED", "50");
        environment.put("TOOLSET_MAX_SESSIONS", "7");
        environment.put("HOLMESGPT_DEV_MODE", "TRUE");
        environment.put("TOOLSET_HTTP_HOST", "127.0.0.1");
        environment.put("TOOLSET_HTTP_PORT", "0");
        environment.put("TOOLSET_API_TOKEN", "s3cret");
        environment.put("TOOLSET_LOG_FORMAT", "JSON");
        environment.put("TOOLSET_LOG_LEVEL", "debug");
        environment.put("TOOLSET_STARTUP_PROBES", "0");
        environment.put("TOOLSET_PROBE_TIMEOUT_SECONDS", "2");
        environment.put("TOOLSET_PROBE_TOTAL_TIMEOUT_SECONDS", "9");

        Settings settings = resolved(environment);

        assertEquals(new CoreSettings(new ReloadPolicy(5, Duration.ZERO), Duration.ofSeconds(120),
                Duration.ofSeconds(30), 50, 7, true), settings.core());
        assertEquals(Path.of("/cfg/toolsets.yaml"), settings.get(Setting.CONFIG_PATH));
        assertEquals(Duration.ofSeconds(45), settings.get(Setting.POLL_INTERVAL_SECONDS));
        assertFalse(settings.get(Setting.WATCH_ENABLED));
        assertEquals(Duration.ofMillis(250), settings.get(Setting.WATCH_DEBOUNCE_MILLIS));
        assertEquals(2048L, settings.get(Setting.CONFIG_MAX_BYTES));
        assertEquals("127.0.0.1", settings.get(Setting.HTTP_HOST));
        assertEquals(0, settings.get(Setting.HTTP_PORT));
        assertEquals(Optional.of(new Settings.Secret("s3cret")), settings.apiToken());
        assertEquals(Settings.LogFormat.JSON, settings.get(Setting.LOG_FORMAT));
        assertEquals(Level.DEBUG, settings.get(Setting.LOG_LEVEL));
        assertEquals(new ProbeSettings(false, Duration.ofSeconds(2), Duration.ofSeconds(9)), settings.probes());
    }

    @Test
    void aTotalProbeTimeoutShorterThanOneProbesIsRefusedNamingBoth() {
        List<String> problems = rejected(Map.of("TOOLSET_PROBE_TIMEOUT_SECONDS", "10"),
                Map.of(Setting.PROBE_TOTAL_TIMEOUT_SECONDS, "5"));

        assertEquals(List.of("Invalid settings: TOOLSET_PROBE_TOTAL_TIMEOUT_SECONDS=5 is shorter than "
                + "TOOLSET_PROBE_TIMEOUT_SECONDS=10 (allowed: a total of at least one probe's timeout)"),
                problems);
    }

    @Test
    void aFlagOverridesItsVariable() {
        Settings settings = resolved(
                Map.of("TOOLSET_HTTP_PORT", "9000", "TOOLSET_CONFIG_PATH", "/env.yaml", "TOOLSET_WATCH_ENABLED", "true"),
                Map.of(Setting.HTTP_PORT, "9100", Setting.CONFIG_PATH, "examples/toolsets.yaml",
                        Setting.WATCH_ENABLED, "false"));

        assertEquals(9100, settings.get(Setting.HTTP_PORT));
        assertEquals(Path.of("examples/toolsets.yaml"), settings.get(Setting.CONFIG_PATH));
        assertFalse(settings.get(Setting.WATCH_ENABLED));
    }

    @Test
    void aWordWhereANumberIsNeededNamesTheVariableTheValueAndTheRange() {
        List<String> problems = rejected(Map.of("TOOLSET_MAX_FAILURES_BEFORE_RELOAD", "abc"), Map.of());

        assertEquals(List.of("Invalid setting TOOLSET_MAX_FAILURES_BEFORE_RELOAD=abc: not a whole number "
                + "(allowed: 1 to 10)"), problems);
    }

    @ParameterizedTest
    @CsvSource({
        "TOOLSET_MAX_FAILURES_BEFORE_RELOAD, 0, 1 to 10",
        "TOOLSET_MAX_FAILURES_BEFORE_RELOAD, 11, 1 to 10",
        "TOOLSET_RELOAD_COOLDOWN_SECONDS, -1, 0 to 86400",
        "TOOLSET_WATCH_DEBOUNCE_MILLIS, -5, 0 to 60000",
        "TOOLSET_CONFIG_MAX_BYTES, 0, 1 to 67108864",
        "TOOLSET_SESSION_TTL_SECONDS, 0, 1 to 604800",
        "TOOLSET_MAX_RELOAD_DEFERRAL_SECONDS, 604801, 0 to 604800",
        "TOOLSET_MAX_TRACKED, 0, 1 to 100000",
        "TOOLSET_MAX_SESSIONS, 0, 1 to 1000000",
        "TOOLSET_HTTP_PORT, 65536, 0 to 65535",
        "TOOLSET_HTTP_PORT, 99999999999999999999, 0 to 65535",
        "TOOLSET_PROBE_TIMEOUT_SECONDS, 0, 1 to 60",
        "TOOLSET_PROBE_TOTAL_TIMEOUT_SECONDS, 601, 1 to 600",
    })
    void anOutOfRangeValueStopsStartupNamingTheRange(String variable, String value, String range) {
        List<String> problems = rejected(Map.of(variable, value), Map.of());

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("Invalid setting " + variable + "=" + value + ": "), problems::toString);
        assertTrue(problems.get(0).contains("allowed: " + range), problems::toString);
    }

    @Test
    void aBadFlagIsReportedWithTheFlagAndItsVariable() {
        List<String> problems = rejected(Map.of(), Map.of(Setting.HTTP_PORT, "http"));

        assertEquals(List.of("Invalid setting --port=http (TOOLSET_HTTP_PORT): not a whole number "
                + "(allowed: 0 to 65535)"), problems);
    }

    @Test
    void everyBadValueIsReportedAtOnce() {
        List<String> problems = rejected(Map.of("TOOLSET_MAX_FAILURES_BEFORE_RELOAD", "abc",
                "TOOLSET_LOG_FORMAT", "xml", "TOOLSET_LOG_LEVEL", "loud", "TOOLSET_WATCH_ENABLED", "maybe"), Map.of());

        assertEquals(4, problems.size(), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("TOOLSET_LOG_FORMAT=xml") && p.contains("text, json")));
        assertTrue(problems.stream().anyMatch(p -> p.contains("TOOLSET_LOG_LEVEL=loud") && p.contains("WARN")));
        assertTrue(problems.stream().anyMatch(p -> p.contains("TOOLSET_WATCH_ENABLED=maybe")
                && p.contains("true, false")));
    }

    @Test
    void aPollIntervalBelowThirtySecondsIsClampedWithAWarning() {
        SettingsResolution.Resolved resolution = (SettingsResolution.Resolved) SettingsResolver.resolve(
                Map.of("TOOLSET_POLL_INTERVAL_SECONDS", "5"), Map.of());

        assertEquals(Duration.ofSeconds(30), resolution.settings().get(Setting.POLL_INTERVAL_SECONDS));
        assertEquals(List.of(new SettingWarning("poll_interval_too_low", Setting.POLL_INTERVAL_SECONDS, "5", 30L)),
                resolution.warnings());
    }

    @Test
    void aPollIntervalAboveFiveMinutesIsClampedWithAWarning() {
        SettingsResolution.Resolved resolution = (SettingsResolution.Resolved) SettingsResolver.resolve(
                Map.of(), Map.of(Setting.POLL_INTERVAL_SECONDS, "3600"));

        assertEquals(Duration.ofSeconds(300), resolution.settings().get(Setting.POLL_INTERVAL_SECONDS));
        assertEquals(List.of(new SettingWarning("poll_interval_too_high", Setting.POLL_INTERVAL_SECONDS, "3600", 300L)),
                resolution.warnings());
    }

    @Test
    void aPollIntervalInRangeIsKeptWithoutWarning() {
        SettingsResolution.Resolved resolution = (SettingsResolution.Resolved) SettingsResolver.resolve(
                Map.of("TOOLSET_POLL_INTERVAL_SECONDS", "30"), Map.of());

        assertEquals(Duration.ofSeconds(30), resolution.settings().get(Setting.POLL_INTERVAL_SECONDS));
        assertEquals(List.of(), resolution.warnings());
    }

    @Test
    void aPollIntervalThatIsNoNumberIsRefused() {
        List<String> problems = rejected(Map.of("TOOLSET_POLL_INTERVAL_SECONDS", "1m"), Map.of());

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("Invalid setting TOOLSET_POLL_INTERVAL_SECONDS=1m: not a whole number"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "True", "1"})
    void devModeIsOnForTrueInAnyCaseOrOne(String value) {
        assertTrue(resolved(Map.of("HOLMESGPT_DEV_MODE", value)).get(Setting.DEV_MODE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "0", "yes", "on", "enabled", " "})
    void devModeIsOffForAnythingElse(String value) {
        assertFalse(resolved(Map.of("HOLMESGPT_DEV_MODE", value)).get(Setting.DEV_MODE));
    }

    @Test
    void theDevModeFlagOverridesTheVariableBothWays() {
        assertTrue(resolved(Map.of("HOLMESGPT_DEV_MODE", "false"), Map.of(Setting.DEV_MODE, "true")).get(Setting.DEV_MODE));
        assertFalse(resolved(Map.of("HOLMESGPT_DEV_MODE", "true"), Map.of(Setting.DEV_MODE, "false")).get(Setting.DEV_MODE));
    }

    @Test
    void anEmptyVariableCountsAsUnset() {
        assertEquals(8080, resolved(Map.of("TOOLSET_HTTP_PORT", "")).get(Setting.HTTP_PORT));
    }

    @Test
    void theTokenIsReadFromItsFileWithoutTheTrailingNewline(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("token"), "from-a-secret\n");

        Settings settings = resolved(Map.of("TOOLSET_API_TOKEN_FILE", file.toString()));

        assertEquals(Optional.of(new Settings.Secret("from-a-secret")), settings.apiToken());
        assertFalse(settings.toString().contains("from-a-secret"), "the token must never be printed");
    }

    @Test
    void anUnreadableTokenFileStopsStartup(@TempDir Path directory) {
        List<String> problems = rejected(Map.of("TOOLSET_API_TOKEN_FILE", directory.resolve("missing").toString()),
                Map.of());

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("Invalid setting TOOLSET_API_TOKEN_FILE="), problems::toString);
        assertTrue(problems.get(0).contains("cannot read the file"), problems::toString);
    }

    @Test
    void aTokenAndATokenFileTogetherAreRefused(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("token"), "a");

        List<String> problems = rejected(Map.of("TOOLSET_API_TOKEN", "b", "TOOLSET_API_TOKEN_FILE", file.toString()),
                Map.of());

        assertEquals(List.of("Invalid settings: set only one of TOOLSET_API_TOKEN and TOOLSET_API_TOKEN_FILE"),
                problems);
    }

    @Test
    void webhookUrlsAndTheSecretFileBecomeTheWebhookSettings(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("secret"), "hmac-key\n");

        Settings settings = resolved(Map.of("TOOLSET_WEBHOOK_URLS", "https://a.example/hook, http://b.example:9000/x",
                "TOOLSET_WEBHOOK_SECRET_FILE", file.toString()));

        assertEquals(List.of(java.net.URI.create("https://a.example/hook"), java.net.URI.create("http://b.example:9000/x")),
                settings.webhooks().urls());
        assertEquals(Optional.of("hmac-key"), settings.webhooks().secret());
        assertFalse(settings.toString().contains("hmac-key"), "the secret must never be printed");
        assertFalse(settings.webhooks().toString().contains("hmac-key"), "the secret must never be printed");
        assertEquals(List.of(), resolved(Map.of()).webhooks().urls());
    }

    @Test
    void aWebhookUrlThatIsNotAnAbsoluteHttpUrlIsRefusedWithoutEchoingTheUrls() {
        List<String> problems = rejected(Map.of("TOOLSET_WEBHOOK_URLS", "https://a.example/T0/tok3n,ftp://b.example/tok3n"),
                Map.of());

        assertEquals(List.of("Invalid setting TOOLSET_WEBHOOK_URLS: URL 2 of 2 is not an absolute http:// or https:// "
                + "URL (scheme ftp) (allowed: comma-separated absolute http:// or https:// URLs)"), problems);
        assertTrue(rejected(Map.of("TOOLSET_WEBHOOK_URLS", "https://a.example/x,,"), Map.of()).get(0)
                .contains("URL 2 of 3 is empty"));
    }

    @Test
    void aWebhookSecretAndItsFileTogetherAreRefused(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("secret"), "a");

        List<String> problems = rejected(Map.of("TOOLSET_WEBHOOK_SECRET", "b", "TOOLSET_WEBHOOK_SECRET_FILE",
                file.toString()), Map.of());

        assertEquals(List.of("Invalid settings: set only one of TOOLSET_WEBHOOK_SECRET and TOOLSET_WEBHOOK_SECRET_FILE"),
                problems);
    }

    @Test
    void aTokenWithSpacesIsRefusedWithoutEchoingIt() {
        List<String> problems = rejected(Map.of("TOOLSET_API_TOKEN", "two words"), Map.of());

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("Invalid setting TOOLSET_API_TOKEN:"), problems::toString);
        assertFalse(problems.get(0).contains("two words"), problems::toString);
    }

    @Test
    void controlAndBidiCharactersInAValueAreEscapedInTheMessage() {
        List<String> problems = rejected(Map.of("TOOLSET_MAX_TRACKED", "1\u001b[2J0",
                "TOOLSET_MAX_SESSIONS", "1\u202e0"), Map.of());

        String all = String.join("\n", problems);
        assertEquals(2, problems.size(), all);
        assertTrue(all.contains("\\u001b") && all.contains("\\u202e"), all);
        assertFalse(all.contains("\u001b") || all.contains("\u202e"), all);
    }
}
