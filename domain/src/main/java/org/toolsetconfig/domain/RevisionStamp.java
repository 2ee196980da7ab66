package org.toolsetconfig.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The file's modification time and size when it was read. Only reported: whether the content
 * changed is decided by its {@link Checksum}, because mtime can stay equal or be coarse.
 */
public record RevisionStamp(Instant modifiedAt, long size) {

    /** The stamp of no file. */
    public static final RevisionStamp NONE = new RevisionStamp(Instant.EPOCH, 0);

    /**
     * Checks that the time is present and the size is not negative.
     *
     * @param modifiedAt the file's modification time
     * @param size the file's size in bytes
     */
    public RevisionStamp {
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        if (size < 0) {
            throw new InvalidValueException("size must not be negative, was " + size);
        }
    }
}
