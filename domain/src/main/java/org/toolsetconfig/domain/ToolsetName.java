package org.toolsetconfig.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of a toolset, such as {@code kubernetes/core}: 1–128 characters, a letter or digit first
 * and last, letters, digits, {@code . _ / -} inside; each part between slashes starts and ends with
 * a letter or digit, and {@code ..} never appears (so a name is never a path like {@code a/../b}).
 */
public record ToolsetName(String value) implements Comparable<ToolsetName> {

    /** The longest name accepted. */
    public static final int MAX_LENGTH = 128;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?");
    private static final Pattern SEGMENTS = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?(/[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?)*");

    /** Refuses a name that breaks the rules, with a message that says which rule. */
    public ToolsetName {
        Objects.requireNonNull(value, "toolset name");
        String problem = problemWith(value);
        if (problem != null) {
            throw new InvalidValueException(problem);
        }
    }

    /** The name for {@code value}; throws {@link InvalidValueException} when it is not a valid name. */
    public static ToolsetName of(String value) {
        return new ToolsetName(value);
    }

    /**
     * Why {@code value} is not a valid toolset name, or {@code null} when it is one. Lets callers
     * report the reason without catching an exception.
     */
    static String problemWith(String value) {
        if (value.isEmpty()) {
            return "toolset name must not be empty";
        }
        if (value.length() > MAX_LENGTH) {
            return "toolset name is " + value.length() + " characters long; at most " + MAX_LENGTH + " are allowed";
        }
        if (!VALID.matcher(value).matches()) {
            return "toolset name '" + Printable.of(value) + "' is invalid: use letters, digits and . _ / - inside, "
                    + "with a letter or digit first and last (e.g. kubernetes/core)";
        }
        if (!SEGMENTS.matcher(value).matches() || value.contains("..")) {
            // 'a/../b' or 'a//b' would be a path in a URL, a log or a file name: never a name.
            return "toolset name '" + Printable.of(value) + "' is invalid: each part between slashes must start "
                    + "and end with a letter or digit, and '..' is not allowed (e.g. kubernetes/core)";
        }
        return null;
    }

    @Override
    public int compareTo(ToolsetName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
