package org.toolsetconfig.benchmarks;

import java.nio.charset.StandardCharsets;

/** The configuration files the benchmarks load: kubernaut form, every toolset valid and enabled. */
final class Documents {

    private Documents() {
    }

    /**
     * {@code count} toolsets; {@code revision} is a setting of the first toolset only, so two
     * revisions differ in one toolset, as a typical ConfigMap edit does.
     */
    static String toolsets(int count, int revision) {
        StringBuilder yaml = new StringBuilder(count * 160).append("discovered:\n");
        for (int i = 0; i < count; i++) {
            appendToolset(yaml, i);
            if (i == 0) {
                yaml.append("    revision: ").append(revision).append('\n');
            }
        }
        return yaml.toString();
    }

    /** A valid document of exactly {@code size} bytes: as many toolsets as fit, then a padding comment. */
    static byte[] ofSize(int size) {
        StringBuilder yaml = new StringBuilder(size).append("discovered:\n");
        StringBuilder next = new StringBuilder();
        for (int i = 0; ; i++) {
            next.setLength(0);
            appendToolset(next, i);
            // Leave room for the padding line ("#" + filler + "\n").
            if (yaml.length() + next.length() + 3 > size) {
                break;
            }
            yaml.append(next);
        }
        int filler = size - yaml.length() - 2;
        yaml.append('#').append("x".repeat(Math.max(0, filler))).append('\n');
        byte[] bytes = yaml.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length != size) {
            throw new IllegalStateException("generated " + bytes.length + " bytes, wanted " + size);
        }
        return bytes;
    }

    /** The name of toolset {@code index} in these documents. */
    static String name(int index) {
        return String.format("team-%d/toolset-%05d", index % 16, index);
    }

    private static void appendToolset(StringBuilder yaml, int i) {
        yaml.append("  - name: ").append(name(i)).append('\n')
                .append("    enabled: true\n")
                .append("    priority: ").append(i % 100).append('\n')
                .append("    endpoint: http://svc-").append(i).append(".monitoring.svc:9090\n")
                .append("    timeout_seconds: 30\n");
    }
}
