package org.toolsetconfig.domain;

/** Thrown when a value object is given a value it cannot hold; the message says what was wrong and how to fix it. */
public final class InvalidValueException extends IllegalArgumentException {

    /** A refusal with a message for the person who supplied the value. */
    public InvalidValueException(String message) {
        super(message);
    }
}
