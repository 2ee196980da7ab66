package org.toolsetconfig.application.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Captures what a logger writes while a test provokes it, and keeps it off the build output: a
 * test that provokes an ERROR or WARN asserts on the line instead of printing it. Close it (try
 * with resources or {@code @AfterEach}) to give the logger back its level and appenders.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level levelBefore;
    private final boolean additiveBefore;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(String loggerName) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        this.levelBefore = logger.getLevel();
        this.additiveBefore = logger.isAdditive();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
    }

    /** Captures the logger called {@code name} and everything below it. */
    public static LogCapture of(String name) {
        return new LogCapture(name);
    }

    /** Captures the logger of {@code type}'s package and everything below it. */
    public static LogCapture ofPackage(Class<?> type) {
        return new LogCapture(type.getPackageName());
    }

    /** Every line captured so far, in order. */
    public List<ILoggingEvent> events() {
        synchronized (appender.list) {
            return List.copyOf(appender.list);
        }
    }

    /** The messages (event names) captured so far, in order. */
    public List<String> names() {
        return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** The lines whose message is {@code name}. */
    public List<ILoggingEvent> all(String name) {
        return events().stream().filter(e -> Objects.equals(e.getMessage(), name)).toList();
    }

    /** The one line whose message is {@code name}; fails when there is none or more than one. */
    public ILoggingEvent only(String name) {
        List<ILoggingEvent> matching = all(name);
        if (matching.size() != 1) {
            throw new AssertionError("expected one '" + name + "' line, got " + matching.size() + " in " + names());
        }
        return matching.get(0);
    }

    /** The key-value fields of {@code event}. */
    public static Map<String, Object> fields(ILoggingEvent event) {
        return event.getKeyValuePairs() == null ? Map.of() : event.getKeyValuePairs().stream()
                .collect(Collectors.toMap(kv -> kv.key, kv -> kv.value == null ? "null" : kv.value, (a, b) -> b));
    }

    /** Lines at WARN or above whose message is not one of {@code expected}: what a quiet test must not write. */
    public List<String> unexpectedWarnings(String... expected) {
        List<String> allowed = List.of(expected);
        return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getMessage).filter(name -> !allowed.contains(name)).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(levelBefore);
        logger.setAdditive(additiveBefore);
    }
}
