package org.toolsetconfig.domain;

/** Where in the file a problem is: 1-based line and column, or {@link #UNKNOWN}. */
public record SourcePosition(int line, int column) {

    /** The position of a problem that has none in the file (a missing key, a whole-document rule). */
    public static final SourcePosition UNKNOWN = new SourcePosition(0, 0);

    /** Whether the position points at a place in the file. */
    public boolean isKnown() {
        return line > 0;
    }

    @Override
    public String toString() {
        return isKnown() ? "line " + line + ", column " + column : "unknown position";
    }
}
