package org.toolsetconfig.domain;

/**
 * Makes untrusted text safe to echo in a message or a log line: every character that could end a
 * line, move the cursor or reorder what a reader sees is written as <code>&#92;uXXXX</code>, and the length is
 * bounded. The one place this is done; messages, problems and log events all use it.
 */
public final class Printable {

    /** How much of an untrusted value a message echoes. */
    public static final int MAX_ECHO = 64;
    // Long enough for a full toolset name (128) with its field; a path longer than this is an attack.
    private static final int MAX_PATH = 256;

    private Printable() {
    }

    /** {@code raw} escaped and cut to {@link #MAX_ECHO} characters, for echoing inside a message. */
    public static String of(String raw) {
        return clip(raw, MAX_ECHO);
    }

    /**
     * A document path built from keys a file chose ({@code overrides.<key>}), made safe for a log
     * line or an API answer: escaped as {@link #clip} does and clipped at 256 characters.
     */
    public static String path(String raw) {
        return clip(raw, MAX_PATH);
    }

    /**
     * {@code raw} escaped, then cut to at most {@code max} characters with {@code …} added when
     * something was cut. A surrogate pair or an escape is never split.
     */
    public static String clip(String raw, int max) {
        StringBuilder out = new StringBuilder(Math.min(raw.length(), max) + 8);
        int i = 0;
        for (; i < raw.length(); i++) {
            char c = raw.charAt(i);
            int before = out.length();
            if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                out.append(c).append(raw.charAt(++i));
            } else if (needsEscape(c) || Character.isSurrogate(c)) {
                appendEscape(out, c); // a lone surrogate is not text a reader or an encoder can show
            } else {
                out.append(c);
            }
            if (out.length() > max) {
                out.setLength(before);
                break;
            }
        }
        if (i < raw.length()) {
            out.append('…');
        }
        return out.toString();
    }

    /** {@code raw} with every unsafe character escaped and nothing cut. */
    public static String escape(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                i++;
            } else if (needsEscape(c) || Character.isSurrogate(c)) {
                return clip(raw, Integer.MAX_VALUE);
            }
        }
        return raw;
    }

    /**
     * Whether {@code c} may not appear raw in a message: control characters (C0, DEL, C1), the line
     * and paragraph separators U+2028/U+2029 (line ends to JavaScript and some log viewers) and the
     * invisible format characters, the bidirectional controls among them, which make text display in
     * another order than it is stored (CVE-2021-42574).
     */
    public static boolean needsEscape(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200e' || c == '\u200f' || c == '\u061c'
                || Character.getType(c) == Character.FORMAT;
    }

    /** Appends {@code c} as <code>&#92;uXXXX</code> (lower-case hex). */
    public static void appendEscape(StringBuilder out, char c) {
        out.append("\\u");
        String hex = Integer.toHexString(c);
        out.append("0000", hex.length(), 4).append(hex);
    }
}
