package org.toolsetconfig.domain;

/** How serious a validation problem is: a document with any {@link #ERROR} is never applied. */
public enum Severity {
    /** The document must not be applied. */
    ERROR,
    /** Worth fixing; the document may still be applied. */
    WARNING
}
