package org.toolsetconfig.domain;

/** Makes untrusted text safe to echo in a message: control characters escaped, length bounded. */
final class Printable {

    private static final int MAX_ECHO = 64;

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
}
