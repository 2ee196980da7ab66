package org.toolsetconfig.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * When the source's content was last modified, its size and, where the source has one, its own
 * version of the content (a ConfigMap's {@code uid/resourceVersion}; empty for a file). Only
 * reported: whether the content changed is decided by its {@link Checksum}, because mtime can stay
 * equal or be coarse.
 */
public record RevisionStamp(Instant modifiedAt, long size, String version) {

    /** The stamp of no file. */
    public static final RevisionStamp NONE = new RevisionStamp(Instant.EPOCH, 0);

    /** Checks that the time and version are present and the size is not negative. */
    public RevisionStamp {
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        Objects.requireNonNull(version, "version");
        if (size < 0) {
            throw new InvalidValueException("size must not be negative, was " + size);
        }
    }

    /** The stamp of a file, which has no version of its own. */
    public RevisionStamp(Instant modifiedAt, long size) {
        this(modifiedAt, size, "");
    }
}
