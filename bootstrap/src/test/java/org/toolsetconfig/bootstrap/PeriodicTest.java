package org.toolsetconfig.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.application.testing.LiveThreads;

class PeriodicTest {

    private static final Duration BOUND = Duration.ofSeconds(5);

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(Periodic.class);

    @BeforeEach
    void captureTheLog() {
        log.start();
        logger.addAppender(log);
        logger.setAdditive(false); // asserted here, not printed
    }

    @AfterEach
    void release() {
        logger.detachAppender(log);
        logger.setAdditive(true);
    }

    private List<ILoggingEvent> logged() {
        synchronized (log) { // the timer thread appends under the appender's monitor
            return List.copyOf(log.list);
        }
    }

    private static boolean threadAlive(String name) {
        return LiveThreads.named(name).contains(name);
    }

    @Test
    void aRunThatThrowsAnErrorOrAnExceptionIsLoggedAndTheScheduleKeepsRunning() {
        AtomicInteger runs = new AtomicInteger();
        Periodic periodic = new Periodic("test-task", Duration.ofMillis(5), () -> {
            int run = runs.incrementAndGet();
            if (run == 1) {
                throw new OutOfMemoryError("injected: a decoder that ran out of memory");
            }
            if (run == 2) {
                throw new IllegalStateException("injected: a bug");
            }
        });

        periodic.start();
        Await.until(BOUND, () -> runs.get() >= 4);
        assertTrue(threadAlive("toolset-config-test-task"));
        periodic.stop();

        List<ILoggingEvent> failures = logged();
        assertEquals(2, failures.size(), failures::toString);
        for (ILoggingEvent failure : failures) {
            assertEquals("periodic_task_failed", failure.getMessage());
            assertEquals(Level.ERROR, failure.getLevel());
            Map<String, Object> fields = failure.getKeyValuePairs().stream()
                    .collect(Collectors.toMap(kv -> kv.key, kv -> kv.value));
            assertEquals("test-task", fields.get("task"));
        }
        assertTrue(failures.get(0).getKeyValuePairs().toString().contains("OutOfMemoryError"));
        assertTrue(failures.get(1).getKeyValuePairs().toString().contains("IllegalStateException"));
    }

    @Test
    void nothingRunsBeforeStartAndNothingAfterStop() {
        AtomicInteger runs = new AtomicInteger();
        Periodic periodic = new Periodic("quiet-task", Duration.ofMillis(1), runs::incrementAndGet);
        assertFalse(threadAlive("toolset-config-quiet-task"));
        assertEquals(0, runs.get());

        periodic.start();
        periodic.start();
        Await.until(BOUND, () -> runs.get() >= 2);
        periodic.stop();
        // The pool reports termination just before its thread has fully exited.
        Await.until(BOUND, () -> !threadAlive("toolset-config-quiet-task"));
        int afterStop = runs.get();
        Await.holds(Duration.ofMillis(50), () -> runs.get() == afterStop);
        periodic.stop();
        assertEquals(List.of(), logged());
    }

    @Test
    void refusesAPeriodThatIsNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> new Periodic("never", Duration.ZERO, () -> { }));
    }
}
