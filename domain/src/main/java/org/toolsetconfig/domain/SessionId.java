package org.toolsetconfig.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The id of an investigation session: 1–128 characters of {@code [A-Za-z0-9._:-]}, at least one of
 * them a letter or digit.
 */
public record SessionId(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** Refuses an id that breaks the rules, with a message that says which rule. */
    public SessionId {
        Objects.requireNonNull(value, "session id");
        if (!VALID.matcher(value).matches()) {
            throw new InvalidValueException("session id '" + Printable.of(value)
                    + "' is invalid: use 1 to 128 characters of letters, digits and . _ : -");
        }
        if (value.chars().noneMatch(Character::isLetterOrDigit)) {
            // '.' and '..' are dot-segments in a URL path: clients resolve them away.
            throw new InvalidValueException("session id '" + Printable.of(value)
                    + "' is invalid: it needs at least one letter or digit");
        }
    }

    /** The id for {@code value}; throws {@link InvalidValueException} when it is not valid. */
    public static SessionId of(String value) {
        return new SessionId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
