package org.toolsetconfig.domain;

/** Makes untrusted text safe to echo in a message: control characters escaped, length bounded. */
public final class Printable {

    private static final int MAX_ECHO = 64;
    // Long enough for a full toolset name (128) with its field; a path longer than this is an attack.
    private static final int MAX_PATH = 256;

    private Printable() {
    }

    static String of(String raw) {
        StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_ECHO) + 8);
        for (int i = 0; i < raw.length() && out.length() < MAX_ECHO; i++) {
            char c = raw.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= MAX_ECHO && raw.length() > MAX_ECHO) {
            out.append("…");
        }
        return out.toString();
    }

    /**
     * A document path built from keys a file chose ({@code overrides.<key>}), made safe for a log
     * line or an API answer: every character that can break or disguise a line (controls, U+2028 and
     * U+2029, bidi overrides and other invisible format characters, lone surrogates) is written as a
     * backslash-u escape, and the result is clipped at 256 characters with "…". Applying it twice
     * gives the same text.
     *
     * @param raw a path as built from the document's keys
     * @return the path, safe to print on one line
     */
    public static String path(String raw) {
        StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_PATH) + 8);
        int i = 0;
        while (i < raw.length() && out.length() < MAX_PATH) {
            int codePoint = raw.codePointAt(i);
            int width = Character.charCount(codePoint);
            if (hidesOrBreaksALine(codePoint)) {
                for (int unit = i; unit < i + width; unit++) {
                    out.append(String.format("\\u%04x", (int) raw.charAt(unit)));
                }
            } else {
                out.appendCodePoint(codePoint);
            }
            i += width;
        }
        if (out.length() > MAX_PATH || i < raw.length()) {
            int end = Math.min(out.length(), MAX_PATH);
            if (Character.isHighSurrogate(out.charAt(end - 1))) {
                end--; // never leave half a character behind
            }
            return out.substring(0, end) + "…";
        }
        return out.toString();
    }

    private static boolean hidesOrBreaksALine(int codePoint) {
        if (Character.isISOControl(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT || type == Character.SURROGATE;
    }
}
