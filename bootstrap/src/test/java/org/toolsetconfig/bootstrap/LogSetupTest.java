package org.toolsetconfig.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ToolsetName;

class LogSetupTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final Logger log = LoggerFactory.getLogger("org.toolsetconfig.events");

    private void install(Settings.LogFormat format, Level level) {
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setOutputStream(written);
        LogSetup.install(format, level, appender);
    }

    private List<String> lines() {
        return written.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** Back to the tests' own configuration (logback-test.xml), so no later test's logging depends on this one. */
    @AfterEach
    void restoreTheTestLogging() throws JoranException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    private void logAFailure() {
        log.atWarn().setMessage("toolset_failure_recorded").addKeyValue("toolset", new ToolsetName("kubernetes/core"))
                .addKeyValue("consecutive_failures", 2).addKeyValue("error_type", "Timeout").log();
    }

    @Test
    void textIsTimeLevelEventAndKeyValues() {
        install(Settings.LogFormat.TEXT, Level.INFO);

        logAFailure();

        assertEquals(1, lines().size(), lines()::toString);
        assertTrue(lines().get(0).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z WARN  "
                + "toolset_failure_recorded toolset=kubernetes/core consecutive_failures=2 error_type=Timeout"),
                lines()::toString);
    }

    @Test
    void anEventWithoutKeyValuesEndsWithItsName() {
        install(Settings.LogFormat.TEXT, Level.INFO);

        log.atInfo().setMessage("toolset_config_service_stopping").log();

        assertTrue(lines().get(0).endsWith(" INFO  toolset_config_service_stopping"), lines()::toString);
    }

    @Test
    void jsonIsOneObjectPerLineWithTheEventAndEveryKeyValueAsAField() throws Exception {
        install(Settings.LogFormat.JSON, Level.INFO);

        logAFailure();
        log.atInfo().setMessage("configmap_reload_complete").addKeyValue("checksum", Checksum.sha256(new byte[] {1}))
                .addKeyValue("changed", List.of("a", "b")).log();

        assertEquals(2, lines().size(), lines()::toString);
        JsonNode failure = new ObjectMapper().readTree(lines().get(0));
        assertEquals("toolset_failure_recorded", failure.get("event").asText());
        assertEquals("WARN", failure.get("level").asText());
        assertTrue(failure.get("time").asText().endsWith("Z"), failure::toString);
        assertEquals("kubernetes/core", failure.get("toolset").asText(), "a domain value is written as its text");
        assertTrue(failure.get("consecutive_failures").isInt(), "numbers stay numbers");
        assertEquals(2, failure.get("consecutive_failures").asInt());
        assertEquals("Timeout", failure.get("error_type").asText());
        JsonNode reload = new ObjectMapper().readTree(lines().get(1));
        assertEquals(Checksum.sha256(new byte[] {1}).toString(), reload.get("checksum").asText());
        assertEquals(2, reload.get("changed").size());
    }

    @Test
    void theLevelFiltersEvents() {
        install(Settings.LogFormat.TEXT, Level.WARN);

        log.atInfo().setMessage("configmap_reload_complete").log();
        logAFailure();

        assertEquals(1, lines().size(), lines()::toString);
        assertTrue(lines().get(0).contains("toolset_failure_recorded"));
    }

    @Test
    void libraryChatterIsKeptToWarningsAtInfo() {
        install(Settings.LogFormat.TEXT, Level.INFO);

        LoggerFactory.getLogger("org.eclipse.jetty.server.Server").info("Started Server@1234");
        LoggerFactory.getLogger("org.eclipse.jetty.server.Server").warn("something odd");

        assertEquals(1, lines().size(), lines()::toString);
        assertFalse(lines().get(0).contains("Started"));
    }

    // ---- injection (issue 19 item 6) --------------------------------------------------------------

    /** A logfmt reader as an operator's tooling parses lines: key=value or key="quoted \\ escaped". */
    private static Map<String, String> logfmt(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher field = Pattern.compile("(\\S+?)=(\"((?:[^\"\\\\]|\\\\.)*)\"|\\S*)").matcher(line);
        while (field.find()) {
            fields.put(field.group(1), field.group(3) != null
                    ? field.group(3).replaceAll("\\\\(.)", "$1") : field.group(2));
        }
        return fields;
    }

    @Test
    void aValueWithSpacesOrEqualsSignsIsQuotedSoItCannotForgeFields() {
        install(Settings.LogFormat.TEXT, Level.INFO);

        log.atWarn().setMessage("toolset_failure_recorded").addKeyValue("toolset", "kubernetes")
                .addKeyValue("error_type", "a error_message=forged toolset=x")
                .addKeyValue("error_message", "say \"hi\" \\ bye").addKeyValue("empty", "").log();

        assertEquals(1, lines().size(), lines()::toString);
        assertTrue(lines().get(0).endsWith(" toolset_failure_recorded toolset=kubernetes "
                + "error_type=\"a error_message=forged toolset=x\" error_message=\"say \\\"hi\\\" \\\\ bye\" empty=\"\""),
                lines()::toString);
        Map<String, String> fields = logfmt(lines().get(0));
        assertEquals(List.of("toolset", "error_type", "error_message", "empty"), List.copyOf(fields.keySet()));
        assertEquals("kubernetes", fields.get("toolset"));
        assertEquals("a error_message=forged toolset=x", fields.get("error_type"));
        assertEquals("say \"hi\" \\ bye", fields.get("error_message"));
    }

    @Test
    void lineEndsSeparatorsAndBidiControlsNeverReachATextLineRaw() {
        install(Settings.LogFormat.TEXT, Level.INFO);

        log.atWarn().setMessage("toolset_failure_recorded")
                .addKeyValue("error_message", "one\ntwo\rthree\u2028four\u2029five\u202eevil\u2066\u0085")
                .addKeyValue("forged\n2026-01-01T00:00:00.000Z ERROR x", "v").log();

        assertEquals(1, lines().size(), lines()::toString);
        String line = lines().get(0);
        assertTrue(line.chars().noneMatch(c -> org.toolsetconfig.domain.Printable.needsEscape((char) c)), line);
        assertTrue(line.contains("error_message=\"one\\u000atwo\\u000dthree\\u2028four\\u2029five\\u202eevil"
                + "\\u2066\\u0085\""), line);
        assertTrue(line.endsWith(" forged_2026-01-01T00_00_00.000Z_ERROR_x=v"), line);
    }

    @Test
    void jsonEscapesSeparatorsAndBidiControlsAndKeepsTheText() throws Exception {
        install(Settings.LogFormat.JSON, Level.INFO);
        String hostile = "a\u2028b\u2029c\u202ed\u007f\u0085\n";

        log.atWarn().setMessage("toolset_failure_recorded").addKeyValue("error_message", hostile).log();

        assertEquals(1, lines().size(), lines()::toString);
        String line = lines().get(0);
        assertTrue(line.chars().noneMatch(c -> org.toolsetconfig.domain.Printable.needsEscape((char) c)), line);
        assertTrue(line.contains("a\\u2028b\\u2029c\\u202ed\\u007F\\u0085\\n"), line);
        assertEquals(hostile, new ObjectMapper().readTree(line).get("error_message").asText());
    }
}
