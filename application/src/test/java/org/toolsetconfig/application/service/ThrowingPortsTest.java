package org.toolsetconfig.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.application.port.out.ConfigDecoder;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.testing.InMemoryConfigSource;
import org.toolsetconfig.application.testing.LineDecoder;
import org.toolsetconfig.application.testing.MutableClock;
import org.toolsetconfig.application.testing.RecordingEventListener;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;

/**
 * Anything a port throws during a re-check, an {@code Error} included, is an {@code error} outcome
 * that is logged, published (so metrics count it) and shown in status; the active config stays and
 * the next re-check works (DESIGN B5, issue 19 item 2).
 */
class ThrowingPortsTest {

    private final Logger reloaderLog = (Logger) LoggerFactory.getLogger(Reloader.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final AtomicReference<Throwable> toThrow = new AtomicReference<>();
    private final InMemoryConfigSource source = new InMemoryConfigSource("kubernetes\n");
    private final RecordingEventListener events = new RecordingEventListener();
    private ToolsetConfigCore core;

    @BeforeEach
    void captureTheReloaderLog() {
        // Captured here and kept off the console: a passing build prints no ERROR line.
        log.start();
        reloaderLog.addAppender(log);
        reloaderLog.setLevel(Level.ERROR);
        reloaderLog.setAdditive(false);
    }

    @AfterEach
    void restoreTheReloaderLog() {
        reloaderLog.detachAppender(log);
        reloaderLog.setLevel(null);
        reloaderLog.setAdditive(true);
    }

    private ToolsetConfigCore coreWith(ConfigDecoder decoder) {
        return ToolsetConfigCore.builder().configSource(() -> {
            Throwable thrown = toThrow.getAndSet(null);
            if (thrown instanceof Error error) {
                throw error;
            }
            return source.read();
        }).configDecoder(decoder).clock(MutableClock.atEpochPlusOneDay())
                .eventListener(events).structuredLogging(false).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"out of memory", "stack overflow", "linkage"})
    void anErrorFromTheDecoderIsAnErrorOutcomeLoggedCountedAndShown(String kind) {
        LineDecoder lines = new LineDecoder();
        AtomicReference<Error> fromDecoder = new AtomicReference<>();
        core = coreWith(bytes -> {
            Error error = fromDecoder.getAndSet(null);
            if (error != null) {
                throw error;
            }
            return lines.decode(bytes);
        });
        core.reloads().startup();
        ConfigSnapshot before = core.queries().activeSnapshot();
        source.write("kubernetes\nprometheus\n");
        fromDecoder.set(switch (kind) {
            case "out of memory" -> new OutOfMemoryError("Java heap space");
            case "stack overflow" -> new StackOverflowError();
            default -> new NoClassDefFoundError("org/example/Missing");
        });

        ReloadOutcome outcome = core.reloads().reload(ReloadTrigger.WATCH);

        ReloadOutcome.Error error = assertInstanceOf(ReloadOutcome.Error.class, outcome);
        assertEquals(ReloadOutcome.ErrorKind.INTERNAL, error.kind());
        assertTrue(error.message().contains("the re-check failed unexpectedly: java.lang."), error::message);
        assertSame(before, core.queries().activeSnapshot(), "the active config stays");
        assertSame(outcome, core.queries().status().lastReload().orElseThrow().outcome(), "status shows it");
        List<ToolsetEvent.ReloadCompleted> completed = events.of(ToolsetEvent.ReloadCompleted.class);
        assertSame(outcome, completed.get(completed.size() - 1).outcome(), "published, so metrics count it");
        assertEquals(1, log.list.size());
        assertEquals(Level.ERROR, log.list.get(0).getLevel());
        assertEquals("reload_failed_unexpectedly", log.list.get(0).getMessage());
        assertTrue(log.list.get(0).getThrowableProxy().getClassName().startsWith("java.lang."));

        assertInstanceOf(ReloadOutcome.ConfigChanged.class, core.reloads().reload(ReloadTrigger.POLL),
                "the next re-check works");
    }

    @ParameterizedTest
    @ValueSource(strings = {"out of memory", "stack overflow"})
    void anErrorFromTheSourceIsAnErrorOutcomeToo(String kind) {
        core = coreWith(new LineDecoder());
        core.reloads().startup();
        toThrow.set("out of memory".equals(kind) ? new OutOfMemoryError("Java heap space") : new StackOverflowError());

        ReloadOutcome outcome = core.reloads().reload(ReloadTrigger.POLL);

        assertInstanceOf(ReloadOutcome.Error.class, outcome);
        assertSame(outcome, core.queries().status().lastReload().orElseThrow().outcome());
        assertEquals(1, log.list.size());
        assertInstanceOf(ReloadOutcome.ConfigUnchanged.class, core.reloads().reload(ReloadTrigger.POLL));
    }
}
