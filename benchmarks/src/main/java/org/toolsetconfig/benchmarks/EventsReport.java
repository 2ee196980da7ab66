package org.toolsetconfig.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;

/**
 * Writes the figures of the events part of {@code scripts/benchmarks.sh} ({@code events.properties})
 * into their own section of {@code docs/benchmarks.md}, between the EVENT FIGURES markers, so that
 * part can run alone without touching the other figures.
 *
 * <p>Usage: {@code EventsReport <events.properties> <docs/benchmarks.md>}.
 */
public final class EventsReport {

    static final String BEGIN = "<!-- BEGIN EVENT FIGURES: scripts/benchmarks.sh (part events) rewrites this section -->";
    static final String END = "<!-- END EVENT FIGURES -->";

    private EventsReport() {
    }

    /** Writes the section. */
    public static void main(String[] args) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        Path document = Path.of(args[1]);
        String section = render(p);
        String existing = Files.readString(document, StandardCharsets.UTF_8);
        int begin = existing.indexOf(BEGIN);
        int end = existing.indexOf(END);
        String updated = begin >= 0 && end > begin
                ? existing.substring(0, begin) + section + existing.substring(end + END.length())
                : existing + (existing.endsWith("\n") ? "" : "\n") + "\n" + section + "\n";
        Files.writeString(document, updated, StandardCharsets.UTF_8);
        System.out.println("event figures written to " + document);
    }

    private static String render(Properties p) {
        double fullRps = median(p.getProperty("conditional.full.rps"));
        double notModifiedRps = median(p.getProperty("conditional.not_modified.rps"));
        StringBuilder out = new StringBuilder(BEGIN).append("\n\n");
        out.append("### Figures of the last events run\n\n");
        out.append(String.format(Locale.ROOT, "- When: %s; load average (1, 5, 15 min) at its start: %s, at its end: %s%n",
                p.getProperty("events.date"), p.getProperty("events.load_start"), p.getProperty("conditional.load_end")));
        out.append(String.format(Locale.ROOT, "- Service JVM flags: `%s`%n", p.getProperty("events.jvm_flags")));
        out.append(String.format(Locale.ROOT, "- %s subscribers on loopback, %s applies (`POST /api/v1/reload` of a "
                + "changed 20-toolset file), after warm-up applies%n%n", p.getProperty("events.subscribers"),
                p.getProperty("events.applies")));
        out.append("| apply → `config_applied` read, from sending the POST | p50 | p99 | max |\n|---|---|---|---|\n");
        out.append(String.format(Locale.ROOT, "| the LAST of the %s subscribers | %s ms | %s ms | %s ms |%n",
                p.getProperty("events.subscribers"), p.getProperty("events.last_subscriber_ms.p50"),
                p.getProperty("events.last_subscriber_ms.p99"), p.getProperty("events.last_subscriber_ms.max")));
        out.append(String.format(Locale.ROOT, "| the first subscriber | %s ms | | |%n",
                p.getProperty("events.first_subscriber_ms.p50")));
        out.append(String.format(Locale.ROOT, "| the POST's own answer (re-check and apply included) | %s ms | | |%n%n",
                p.getProperty("events.post_reload_ms.p50")));
        out.append("| the service | no subscriber | " + p.getProperty("events.subscribers") + " subscribers |\n"
                + "|---|---|---|\n");
        out.append(String.format(Locale.ROOT, "| heap after a full GC | %s MB | %s MB |%n",
                p.getProperty("events.heap_before_mb"), p.getProperty("events.heap_connected_mb")));
        out.append(String.format(Locale.ROOT, "| live threads | %s | %s |%n%n",
                p.getProperty("events.threads_before"), p.getProperty("events.threads_connected")));
        out.append(String.format(Locale.ROOT, "`GET /api/v1/toolsets` of a 1 000-toolset config (%s bytes), `wrk %s`, "
                + "interleaved; medians of the rounds:%n%n", p.getProperty("conditional.full_bytes"),
                p.getProperty("conditional.wrk_options")));
        out.append("| read | requests/s | p99 |\n|---|---|---|\n");
        out.append(String.format(Locale.ROOT, "| full answer (200) | %.0f | %.2f ms |%n", fullRps,
                median(p.getProperty("conditional.full.p99_ms"))));
        out.append(String.format(Locale.ROOT, "| `If-None-Match` with the current ETag (304) | %.0f | %.2f ms |%n%n",
                notModifiedRps, median(p.getProperty("conditional.not_modified.p99_ms"))));
        out.append(String.format(Locale.ROOT, "A 304 serves %.1f× the requests per second of the full answer.%n%n",
                notModifiedRps / fullRps));
        return out.append(END).toString();
    }

    private static double median(String commaSeparated) {
        double[] values = Arrays.stream(commaSeparated.split(",")).mapToDouble(Double::parseDouble).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
