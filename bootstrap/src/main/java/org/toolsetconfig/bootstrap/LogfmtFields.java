package org.toolsetconfig.bootstrap;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import org.slf4j.event.KeyValuePair;
import org.toolsetconfig.domain.Printable;

/**
 * The text format's event name and fields, logfmt style: {@code event key=value key="a value"}. A
 * value is quoted when it is empty or holds a space, {@code =}, a quote, a backslash or a
 * character {@link Printable} escapes, so a reporter's text can neither forge fields for a logfmt
 * parser nor start a line; keys are reduced to {@code [A-Za-z0-9_./-]}.
 */
final class LogfmtFields extends ClassicConverter {

    /** The conversion word that stands for this in {@link LogSetup#TEXT_PATTERN}. */
    static final String WORD = "eventAndFields";

    @Override
    public String convert(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128);
        // The message is the event name, or a library's own sentence: escaped, never quoted.
        line.append(Printable.escape(String.valueOf(event.getFormattedMessage())));
        List<KeyValuePair> fields = event.getKeyValuePairs();
        if (fields != null) {
            for (KeyValuePair field : fields) {
                line.append(' ');
                appendKey(line, String.valueOf(field.key));
                line.append('=');
                appendValue(line, String.valueOf(field.value));
            }
        }
        return line.toString();
    }

    private static void appendKey(StringBuilder line, String key) {
        if (key.isEmpty()) {
            line.append('_');
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '/' || c == '-';
            line.append(plain ? c : '_');
        }
    }

    static void appendValue(StringBuilder line, String value) {
        if (!needsQuotes(value)) {
            line.append(value);
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\').append(c);
            } else if (Printable.needsEscape(c)) {
                Printable.appendEscape(line, c);
            } else {
                line.append(c);
            }
        }
        line.append('"');
    }

    private static boolean needsQuotes(String value) {
        if (value.isEmpty()) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '=' || c == '"' || c == '\\' || Printable.needsEscape(c)) {
                return true;
            }
        }
        return false;
    }
}
