package org.toolsetconfig.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.pattern.DynamicConverter;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.logstash.logback.decorate.JsonFactoryDecorator;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.domain.Printable;

/**
 * Sets up logback from the settings, in code rather than XML because the format and level come
 * from flags and variables only known after the command line is parsed. Nothing logs before this
 * runs.
 */
final class LogSetup {

    /** The text layout: {@code time level event key=value …}, values quoted and escaped by {@link LogfmtFields}. */
    static final String TEXT_PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level %" + LogfmtFields.WORD + "%n";

    /** Libraries whose INFO lines are not events an operator needs (Jetty's start-up chatter). */
    private static final List<String> QUIET_LIBRARIES = List.of("org.eclipse.jetty", "io.javalin");

    /** Where log lines go: stdout for the service, stderr for commands whose stdout is their report. */
    enum Target {
        STDOUT("System.out"), STDERR("System.err");

        private final String consoleTarget;

        Target(String consoleTarget) {
            this.consoleTarget = consoleTarget;
        }
    }

    private LogSetup() {
    }

    /** Replaces any logback configuration with one console appender in {@code format} at {@code level}. */
    static void apply(Settings.LogFormat format, org.slf4j.event.Level level, Target target) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setTarget(target.consoleTarget);
        install(format, level, console);
    }

    /** Replaces any logback configuration with {@code appender}, writing {@code format} at {@code level}. */
    static void install(Settings.LogFormat format, org.slf4j.event.Level level,
                        OutputStreamAppender<ILoggingEvent> appender) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        appender.setContext(context);
        appender.setName("console");
        appender.setEncoder(format == Settings.LogFormat.JSON ? jsonEncoder(context) : textEncoder(context));
        appender.start();

        Level rootLevel = Level.toLevel(level.name(), Level.INFO);
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel);
        root.addAppender(appender);
        Level libraries = rootLevel.isGreaterOrEqual(Level.WARN) || rootLevel == Level.TRACE ? rootLevel : Level.WARN;
        QUIET_LIBRARIES.forEach(name -> context.getLogger(name).setLevel(libraries));
    }

    /** Turns {@code loggerName} (and the loggers below it) off, for a command that reports by itself. */
    static void silence(String loggerName) {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(loggerName).setLevel(Level.OFF);
    }

    /** Writes what is buffered and stops logging; called last on the way out. */
    static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }

    @SuppressWarnings("unchecked")
    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        Object rules = context.getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
        Map<String, Supplier<DynamicConverter<?>>> registry = rules instanceof Map
                ? (Map<String, Supplier<DynamicConverter<?>>>) rules : new HashMap<>();
        registry.put(LogfmtFields.WORD, LogfmtFields::new);
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, registry);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.setTimeZone("UTC");
        LogstashFieldNames names = encoder.getFieldNames();
        names.setTimestamp("time");
        names.setMessage("event");
        names.setLogger("logger");
        names.setThread("thread");
        names.setVersion("[ignore]");
        names.setLevelValue("[ignore]");
        encoder.setJsonFactoryDecorator(new JsonFactoryDecorator() {
            @Override
            public JsonFactory decorate(JsonFactory factory) {
                if (factory.getCodec() instanceof ObjectMapper mapper) {
                    mapper.registerModule(domainValuesAsText());
                }
                factory.setCharacterEscapes(new UnsafeCharacterEscapes());
                return factory;
            }
        });
        encoder.start();
        return encoder;
    }

    /**
     * JSON escapes control characters below U+0020 already; these are the others
     * {@link Printable#needsEscape} names (DEL, C1, U+2028/U+2029, bidi controls), valid in a JSON
     * string but a line end or a reordering to some log viewers and to JavaScript.
     */
    private static final class UnsafeCharacterEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        UnsafeCharacterEscapes() {
            ascii[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch > 0xffff || !Printable.needsEscape((char) ch)) {
                return null;
            }
            StringBuilder escape = new StringBuilder(6);
            Printable.appendEscape(escape, (char) ch);
            return new SerializedString(escape.toString());
        }
    }

    /**
     * Key-values such as a {@code ToolsetName} or a {@code Checksum} are records; written as beans
     * they would become nested objects ({@code {"value":"kubernetes/core"}}). Their text form is
     * what an operator filters on.
     */
    private static SimpleModule domainValuesAsText() {
        SimpleModule module = new SimpleModule("toolset-config-values-as-text");
        module.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription description,
                                                      JsonSerializer<?> serializer) {
                return description.getBeanClass().getName().startsWith("org.toolsetconfig.")
                        ? ToStringSerializer.instance : serializer;
            }
        });
        return module;
    }
}
