package org.toolsetconfig.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.application.testing.InMemoryConfigSource;
import org.toolsetconfig.application.testing.LineDecoder;

/** A failing config listener is reported by one log line, written by the event listener, not by the core too. */
class ConfigListenerFailureLogTest {

    private final Logger project = (Logger) LoggerFactory.getLogger("org.toolsetconfig");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level levelBefore;

    @BeforeEach
    void captureEveryProjectLogLine() {
        levelBefore = project.getLevel();
        project.setLevel(Level.DEBUG);
        project.setAdditive(false);
        appender.start();
        project.addAppender(appender);
    }

    @AfterEach
    void restore() {
        project.detachAppender(appender);
        project.setLevel(levelBefore);
        project.setAdditive(true);
    }

    @Test
    void aFailingConfigListenerIsLoggedOnce() {
        ToolsetConfigCore core = ToolsetConfigCore.builder().configSource(new InMemoryConfigSource("kubernetes\n"))
                .configDecoder(new LineDecoder())
                .configListener((previous, current) -> {
                    throw new IllegalStateException("client rebuild failed");
                })
                .build();

        core.reloads().startup();

        var lines = appender.list.stream().filter(e -> e.getMessage().equals("config_listener_failed")).toList();
        assertEquals(1, lines.size(), () -> "config_listener_failed lines: " + lines);
        assertEquals(Level.ERROR, lines.get(0).getLevel());
    }
}
