package org.toolsetconfig.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

    @AfterEach
    void restoreConsoleLogging() {
        LogSetup.apply(Settings.LogFormat.TEXT, Level.INFO, LogSetup.Target.STDOUT);
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
}
