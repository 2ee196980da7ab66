package org.toolsetconfig.application.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.port.in.ServiceSettings;
import org.toolsetconfig.application.service.ToolsetConfigCore;
import org.toolsetconfig.application.testing.InMemoryConfigSource;
import org.toolsetconfig.application.testing.LineDecoder;
import org.toolsetconfig.domain.Printable;
import org.toolsetconfig.domain.ToolsetName;

/**
 * The error type and message of a failure are free text from the caller of the HTTP API. Written
 * raw into a {@code key=value} text log, a newline in them forges a whole log line (CWE-117); every
 * value this listener logs from a reporter must come out on one line, control characters escaped.
 */
class LogInjectionTest {

    @Test
    void controlCharactersInAReportedFailureCannotForgeALogLine() {
        LoggerContext context = new LoggerContext();
        Logger logger = context.getLogger(StructuredLoggingListener.LOGGER_NAME);
        logger.setLevel(Level.DEBUG);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        ToolsetConfigCore core = ToolsetConfigCore.builder().configSource(new InMemoryConfigSource("kubernetes\n"))
                .configDecoder(new LineDecoder()).settings(ServiceSettings.defaults()).structuredLogging(false)
                .eventListener(new StructuredLoggingListener(logger)).build();
        core.reloads().startup();
        appender.list.clear();

        String forged = "timeout\n2026-01-01T00:00:00.000Z ERROR toolset_config_service_started port=6666\r\u001b[2J";
        core.outcomes().recordFailure(RecordFailureCommand.of(ToolsetName.of("kubernetes"), "Timeout\nERROR x=1",
                forged));

        ILoggingEvent event = appender.list.stream().filter(e -> e.getMessage().equals("toolset_failure_recorded"))
                .findFirst().orElseThrow();
        Map<String, String> fields = event.getKeyValuePairs().stream()
                .collect(Collectors.toMap(kv -> kv.key, kv -> String.valueOf(kv.value)));
        for (String key : new String[] {"error_type", "error_message"}) {
            String value = fields.get(key);
            assertTrue(value.chars().noneMatch(Character::isISOControl), () -> key + " logged raw: " + value);
        }
        assertEquals("Timeout\\u000aERROR x=1", fields.get("error_type"));
        assertTrue(fields.get("error_message").startsWith("timeout\\u000a2026-01-01"), fields::toString);
        // The API still returns what was reported, verbatim.
        assertEquals(forged, core.queries().toolset(ToolsetName.of("kubernetes")).failures().orElseThrow()
                .lastErrorMessage());
    }

    @Test
    void lineSeparatorsAndBidiControlsInAReportedFailureAreEscapedOnEveryLineThatCarriesThem() {
        LoggerContext context = new LoggerContext();
        Logger logger = context.getLogger(StructuredLoggingListener.LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        ToolsetConfigCore core = ToolsetConfigCore.builder().configSource(new InMemoryConfigSource("kubernetes\n"))
                .configDecoder(new LineDecoder()).settings(ServiceSettings.defaults().withReloadPolicy(1, java.time.Duration.ofSeconds(60)))
                .structuredLogging(false).eventListener(new StructuredLoggingListener(logger)).build();
        core.reloads().startup();

        core.outcomes().recordFailure(RecordFailureCommand.of(ToolsetName.of("kubernetes"), "Auth\u202eError",
                "denied\u2028ERROR forged\u2029\u2066x\u0085"));

        for (String name : new String[] {"toolset_failure_recorded",
                "toolset_max_failures_reached_triggering_auto_reload"}) {
            ILoggingEvent event = appender.list.stream().filter(e -> e.getMessage().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " not written"));
            event.getKeyValuePairs().forEach(kv -> assertTrue(String.valueOf(kv.value).chars()
                    .noneMatch(c -> Printable.needsEscape((char) c)), () -> name + " " + kv.key + " raw: " + kv.value));
        }
        ILoggingEvent trigger = appender.list.stream()
                .filter(e -> e.getMessage().equals("toolset_max_failures_reached_triggering_auto_reload")).findFirst()
                .orElseThrow();
        Map<String, String> fields = trigger.getKeyValuePairs().stream()
                .collect(Collectors.toMap(kv -> kv.key, kv -> String.valueOf(kv.value)));
        assertEquals("Auth\\u202eError", fields.get("last_error_type"));
        assertEquals("denied\\u2028ERROR forged\\u2029\\u2066x\\u0085", fields.get("last_error_message"));
    }
}
