package org.toolsetconfig.benchmarks;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Turns one run's raw results (JMH's CSV and the {@code key=value} files that
 * {@code scripts/benchmarks.sh} writes) into the figures section of {@code docs/benchmarks.md}:
 * every figure with its spread, every target as a ratio against the reference measured in the same
 * run (or as the absolute bound the issue gives), and whether it is met, each beside the load average
 * of the machine while its part ran. Only the part between the two markers is replaced; the notes
 * around it (and sections other benchmarks add outside the markers) are kept. A document with one
 * marker and not the other is refused rather than given a second section.
 *
 * <p>Usage: {@code Report <results directory> <docs/benchmarks.md>}.
 */
public final class Report {

    static final String BEGIN = "<!-- BEGIN GENERATED FIGURES: scripts/benchmarks.sh rewrites this section -->";
    static final String END = "<!-- END GENERATED FIGURES -->";

    private static final String HOT = "HotPathBenchmark.";
    private static final String LOGGING = "HotPathLoggingBenchmark.";
    private static final String RECHECK = "RecheckBenchmark.";

    private final Path results;
    private final List<Row> jmh;
    private final Properties machine;
    private final Properties swaps;
    private final Properties http;
    private final Properties footprint;
    private final List<String[]> verdicts = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();

    private Report(Path results) throws IOException {
        this.results = results;
        this.jmh = rows(results.resolve("jmh.csv"));
        this.machine = properties(results.resolve("machine.properties"));
        this.swaps = properties(results.resolve("swaps.properties"));
        this.http = properties(results.resolve("http.properties"));
        this.footprint = properties(results.resolve("footprint.properties"));
    }

    /** Writes the figures of {@code args[0]} into the document {@code args[1]}. */
    public static void main(String[] args) throws IOException {
        Path document = Path.of(args[1]);
        String section = new Report(Path.of(args[0])).render();
        String existing = Files.exists(document) ? Files.readString(document, StandardCharsets.UTF_8) : "";
        Files.writeString(document, withSection(existing, section), StandardCharsets.UTF_8);
        System.out.println("figures written to " + document);
    }

    /**
     * {@code document} with the text between its markers replaced by {@code section} (markers
     * included), or with the section appended when it has neither marker. One marker without the
     * other (or the two out of order) means the page was edited by hand: appending would leave two
     * runs' tables on it, so it is refused.
     */
    static String withSection(String document, String section) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 && end < 0) {
            return document + (document.isEmpty() || document.endsWith("\n") ? "" : "\n") + "\n" + section + "\n";
        }
        if (begin < 0 || end < begin || document.indexOf(BEGIN, begin + 1) >= 0 || document.indexOf(END, end + 1) >= 0) {
            throw new IllegalStateException("the figures section of the document must be enclosed by exactly one '"
                    + BEGIN + "' and, after it, one '" + END + "'; restore them around the old section");
        }
        return document.substring(0, begin) + section + document.substring(end + END.length());
    }

    private String render() {
        out.append(BEGIN).append("\n\n");
        out.append("## Figures of the last run\n\n");
        line("- When: %s; command: `%s`", get(machine, "date"), get(machine, "command"));
        line("- Machine: %s, %s cores, %s memory; %s; load average when the run started: %s",
                get(machine, "cpu"), get(machine, "cores"), get(machine, "memory"), get(machine, "os"),
                get(machine, "load"));
        line("- JVM: %s", get(machine, "java"));
        line("- JMH: `%s` (short, because the machine is shared and small: the errors below are JMH's "
                + "99.9 %% confidence half-widths over so few iterations)", get(machine, "jmh_options"));
        line("- Service JVM flags (the bare Javalin server has the same without the service's "
                + "`-XX:SharedArchiveFile`): `%s`", get(machine, "jvm_flags"));
        if (machine.getProperty("partial") != null) {
            line("- Part of it run again: %s", get(machine, "partial"));
        }
        line("- Load average: the 1-minute load of the machine, sampled every 5 s while each part ran, is "
                + "printed under each part's heading and beside each verdict (HTTP: at the start of each round; "
                + "start-up: at each launch). Figures taken at a load above the 2 cores are not the service's alone.");
        out.append('\n');
        hotPath();
        logging();
        recheck();
        swaps();
        http();
        footprint();
        summary();
        out.append(END);
        return out.toString();
    }

    private void hotPath() {
        out.append("### 1–2. Hot path: one failure and one success of a known toolset (ns per pair, `-prof gc`)\n\n");
        ran("jmh");
        out.append("| tracked toolsets | threads | core | Resilience4j CircuitBreaker | core / R4J (target ≤ 1.0) "
                + "| core alloc (target ≤ 64 B) | R4J alloc |\n|---|---|---|---|---|---|---|\n");
        for (String tracked : List.of("50", "10000")) {
            for (String threads : List.of("1Thread", "2Threads")) {
                Optional<Row> core = find(HOT + "coreFailureThenSuccess" + threads, "", tracked);
                Optional<Row> r4j = find(HOT + "resilience4jErrorThenSuccess" + threads, "", tracked);
                Optional<Row> coreAlloc = find(HOT + "coreFailureThenSuccess" + threads, "gc.alloc.rate.norm", tracked);
                Optional<Row> r4jAlloc = find(HOT + "resilience4jErrorThenSuccess" + threads, "gc.alloc.rate.norm",
                        tracked);
                String label = threads.startsWith("1") ? "1" : "2";
                line("| %s | %s | %s | %s | %s | %s | %s |", tracked, label, figure(core), figure(r4j),
                        ratio(core, r4j), bytes(coreAlloc), bytes(r4jAlloc));
                verdict("1. hot path, " + tracked + " toolsets, " + label + " thread(s): time vs R4J", "≤ 1.0×",
                        ratio(core, r4j), core.isPresent() && r4j.isPresent()
                                ? within(core.get().score / r4j.get().score, 1.0) : "not run", "jmh");
                verdict("1. hot path, " + tracked + " toolsets, " + label + " thread(s): allocation", "≤ 64 B/op",
                        bytes(coreAlloc), coreAlloc.map(row -> within(row.score, 64)).orElse("not run"), "jmh");
            }
        }
        out.append('\n');
        out.append("| scale: 10 000 vs 50 tracked | core 10 000 / core 50 (target ≤ 1.2) | R4J 10 000 / R4J 50 (for "
                + "comparison) |\n|---|---|---|\n");
        for (String threads : List.of("1Thread", "2Threads")) {
            Optional<Row> small = find(HOT + "coreFailureThenSuccess" + threads, "", "50");
            Optional<Row> large = find(HOT + "coreFailureThenSuccess" + threads, "", "10000");
            Optional<Row> r4jSmall = find(HOT + "resilience4jErrorThenSuccess" + threads, "", "50");
            Optional<Row> r4jLarge = find(HOT + "resilience4jErrorThenSuccess" + threads, "", "10000");
            String label = threads.startsWith("1") ? "1 thread" : "2 threads";
            line("| %s | %s | %s |", label, ratio(large, small), ratio(r4jLarge, r4jSmall));
            verdict("2. hot path scale, " + label, "≤ 1.2× the 50-toolset figure", ratio(large, small),
                    large.isPresent() && small.isPresent() ? within(large.get().score / small.get().score, 1.2)
                            : "not run", "jmh");
        }
        out.append('\n');
    }

    private void logging() {
        Optional<Row> off = find(LOGGING + "loggingOff", "", "");
        Optional<Row> on = find(LOGGING + "loggingOn", "", "");
        out.append("### Cost of structured logging on the hot path (50 toolsets, 1 thread)\n\n");
        out.append("| structured logging | time per failure+success | alloc |\n|---|---|---|\n");
        line("| off | %s | %s |", figure(off), bytes(find(LOGGING + "loggingOff", "gc.alloc.rate.norm", "")));
        line("| on (WARN `toolset_failure_recorded` + INFO success line, text layout, to /dev/null) | %s | %s |",
                figure(on), bytes(find(LOGGING + "loggingOn", "gc.alloc.rate.norm", "")));
        line("\nOn / off: %s.\n", ratio(on, off));
        out.append("### Floor: what each recorded outcome pays for, alone (1 thread)\n\n");
        out.append("| operation | time |\n|---|---|\n");
        line("| `Clock.systemUTC().instant()` (the core reads it once per failure+success: the failure's time) | %s |",
                figure(find("FloorBenchmark.clockInstant", "", "")));
        line("| `ConcurrentHashMap.get` of a `ToolsetName` among 50 (twice per pair) | %s |",
                figure(find("FloorBenchmark.lookupAmong50", "", "")));
        line("| uncontended `synchronized` block (for comparison: the core swaps records by compare-and-set) | %s |",
                figure(find("FloorBenchmark.uncontendedMonitor", "", "")));
        out.append('\n');
    }

    private void recheck() {
        out.append("### 3. Re-check cost (sampled, `Mode.SampleTime`)\n\n");
        out.append("| what | mean ± error | p50 | p99 | p99.9 | max | target |\n|---|---|---|---|---|---|---|\n");
        sampled("re-check of the unchanged 64 KiB file (stat, read, SHA-256, compare)", "recheckUnchanged64KiB",
                "p99 ≤ 1 ms");
        sampled("only read + SHA-256 of the 64 KiB file", "readAndHash64KiB", "");
        sampled("changed 1 000-toolset file: hash, decode, validate, apply", "applyChanged1000Toolsets",
                "≤ 50 ms");
        sampled("only decode + validate of the 1 000-toolset file", "decode1000Toolsets", "");
        out.append('\n');
        Optional<Row> p99 = find(RECHECK + "recheckUnchanged64KiB", "p0.99", "");
        verdict("3. re-check of an unchanged 64 KiB file", "p99 ≤ 1 ms", p99.map(Report::time).orElse("not run"),
                p99.map(row -> within(millis(row), 1.0)).orElse("not run"), "jmh");
        Optional<Row> apply = find(RECHECK + "applyChanged1000Toolsets", "p0.99", "");
        Optional<Row> applyMean = find(RECHECK + "applyChanged1000Toolsets", "", "");
        verdict("3. decode + validate + apply of a changed 1 000-toolset file", "≤ 50 ms (mean; p99 beside it)",
                applyMean.map(row -> figure(applyMean) + ", p99 " + apply.map(Report::time).orElse("–"))
                        .orElse("not run"),
                applyMean.map(row -> within(millis(row), 50.0)).orElse("not run"), "jmh");
    }

    private void sampled(String what, String method, String target) {
        Optional<Row> mean = find(RECHECK + method, "", "");
        line("| %s | %s | %s | %s | %s | %s | %s |", what, figure(mean),
                find(RECHECK + method, "p0.50", "").map(Report::time).orElse("–"),
                find(RECHECK + method, "p0.99", "").map(Report::time).orElse("–"),
                find(RECHECK + method, "p0.999", "").map(Report::time).orElse("–"),
                find(RECHECK + method, "p1.00", "").map(Report::time).orElse("–"), target);
    }

    private void swaps() {
        out.append("### 4. Change to applied: kubelet-style atomic swaps on the real disk\n\n");
        ran("swaps");
        if (swaps.isEmpty()) {
            out.append("Not run.\n\n");
            verdict("4. swap to applied, watch on", "p99 ≤ 300 ms", "not run", "not run", "swaps");
            return;
        }
        out.append("| mode | swaps | min | p50 | p99 | max |\n|---|---|---|---|---|---|\n");
        for (String mode : List.of("watch", "api", "poll")) {
            if (!swaps.containsKey("swap." + mode + ".count")) {
                continue; // results of a run from before the API mode
            }
            String name = switch (mode) {
                case "watch" -> "file watching on, 100 ms debounce";
                case "api" -> "Kubernetes API: one PUT to the mock API server (loopback), applied through the watch";
                default -> "poll only, every 30 s";
            };
            line("| %s | %s | %s ms | %s ms | %s ms | %s ms |", name, get(swaps, "swap." + mode + ".count"),
                    get(swaps, "swap." + mode + ".min_ms"), get(swaps, "swap." + mode + ".p50_ms"),
                    get(swaps, "swap." + mode + ".p99_ms"), get(swaps, "swap." + mode + ".max_ms"));
        }
        line("\nMedian poll-only / median watched: %s×.\n", get(swaps, "swap.ratio.p50.poll_over_watch"));
        String p99 = swaps.getProperty("swap.watch.p99_ms");
        verdict("4. swap to applied, watch on", "p99 ≤ 300 ms", p99 == null ? "not run" : p99 + " ms",
                p99 == null ? "not run" : within(Double.parseDouble(p99), 300), "swaps");
    }

    private void http() {
        out.append("### 5. HTTP on loopback (`wrk`), against a bare Javalin endpoint returning a constant\n\n");
        ran("http");
        if (http.isEmpty()) {
            out.append("Not run.\n\n");
            return;
        }
        line("wrk `%s`, %s s of warm-up per request, then %s rounds per endpoint, service and bare server "
                + "interleaved; requests/s as mean "
                + "(min–max over the rounds); the ratio is the median of the per-round ratios (each round of "
                + "the service against the bare round just before it), with their range; p99 latency is the "
                + "median of the rounds' p99, with the worst round's in parentheses.\n", get(http, "wrk_options"),
                get(http, "warmup_seconds"), get(http, "rounds"));
        out.append("| request | service req/s | bare Javalin req/s | service / bare (target ≥ 0.85 for POST, 0.7 for GET) "
                + "| service p99 (target ≤ 10 ms) | bare p99 | load at the service rounds' start |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (String[] endpoint : List.of(
                new String[] {"post_failure", "`POST /api/v1/toolsets/{name}/failures`", "`POST /constant`"},
                new String[] {"get_toolsets", "`GET /api/v1/toolsets`", "`GET /constant`"})) {
            double[] service = numbers(http, "http.service." + endpoint[0] + ".rps");
            double[] bare = numbers(http, "http.bare." + endpoint[0] + ".rps");
            double[] serviceP99 = numbers(http, "http.service." + endpoint[0] + ".p99_ms");
            double[] bareP99 = numbers(http, "http.bare." + endpoint[0] + ".p99_ms");
            if (service.length == 0 || bare.length == 0) {
                continue;
            }
            // Paired: round i of the service against round i of the bare server, which ran just before it.
            double[] ratios = new double[Math.min(service.length, bare.length)];
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = service[i] / bare[i];
            }
            double ratio = median(ratios);
            double[] loads = numbers(http, "http.service." + endpoint[0] + ".load");
            line("| %s vs %s | %s | %s | %s | %s ms) | %s ms) | %s |", endpoint[1], endpoint[2], spread(service),
                    spread(bare), String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", ratio, min(ratios), max(ratios)),
                    fmt(median(serviceP99)) + " ms (" + fmt(max(serviceP99)), fmt(median(bareP99)) + " ms ("
                            + fmt(max(bareP99)), loads.length == 0 ? "–" : joined(loads));
            double wanted = endpoint[0].equals("post_failure") ? 0.85 : 0.7;
            verdict("5. " + endpoint[1] + " throughput vs bare Javalin", String.format(Locale.ROOT, "≥ %.2f×", wanted),
                    String.format(Locale.ROOT, "%.2f×", ratio), ratio >= wanted ? "met" : missedBelow(ratio, wanted),
                    "http");
            verdict("5. " + endpoint[1] + " p99 latency", "≤ 10 ms (median of the rounds)",
                    fmt(median(serviceP99)) + " ms (worst round " + fmt(max(serviceP99)) + " ms)",
                    within(median(serviceP99), 10), "http");
        }
        out.append('\n');
        String errors = http.getProperty("http.non2xx");
        if (errors != null) {
            line("Non-2xx responses or socket errors seen by wrk: %s.\n", errors);
        }
    }

    private void footprint() {
        out.append("### 6. Start and footprint of `java -jar` (flags above)\n\n");
        ran("footprint");
        if (footprint.isEmpty()) {
            out.append("Not run.\n\n");
            return;
        }
        double[] ready = numbers(footprint, "start.ready_ms");
        double[] rss = numbers(footprint, "start.idle_rss_mb");
        out.append("| figure | value |\n|---|---|\n");
        double[] readyLoads = numbers(footprint, "start.ready_load");
        line("| launch to `/readyz` 200, example config, the Dockerfile's flags with its AppCDS archive "
                + "(`scripts/appcds-train.sh`) (%d launches) | %s ms (target ≤ 1 500 ms); load at each launch: %s |",
                ready.length, spreadMedian(ready), readyLoads.length == 0 ? "–" : joined(readyLoads));
        double[] readyPlain = numbers(footprint, "start.no_appcds_ready_ms");
        if (readyPlain.length > 0) {
            double[] plainLoads = numbers(footprint, "start.no_appcds_ready_load");
            line("| the same launches without the archive (plain `java -jar`) | %s ms; with / without: %s; load at "
                    + "each launch: %s |", spreadMedian(readyPlain),
                    String.format(Locale.ROOT, "%.2f×", median(ready) / median(readyPlain)),
                    plainLoads.length == 0 ? "–" : joined(plainLoads));
        }
        line("| idle RSS (VmRSS) %s s after ready | %s MB (target ≤ 200 MB) |", get(footprint, "start.idle_seconds"),
                spreadMedian(rss));
        line("| heap used after a full GC, example config, idle | %s MB |", get(footprint, "heap.example_mb"));
        line("| heap used after a full GC, 10 000 toolsets in the file | %s MB |",
                get(footprint, "heap.toolsets10k_mb"));
        line("| heap used after a full GC, 10 000 toolsets and %s active sessions | %s MB |",
                get(footprint, "sessions.active"), get(footprint, "heap.toolsets10k_sessions10k_mb"));
        line("| RSS with 10 000 toolsets and those sessions | %s MB |", get(footprint, "rss.toolsets10k_sessions10k_mb"));
        line("| size of the 10 000-toolset file | %s bytes |", get(footprint, "file.toolsets10k_bytes"));
        out.append('\n');
        if (ready.length > 0) {
            verdict("6. launch to /readyz 200", "≤ 1.5 s", fmt(median(ready)) + " ms (median)",
                    within(median(ready), 1500), "footprint");
        }
        if (rss.length > 0) {
            verdict("6. idle RSS", "≤ 200 MB", fmt(median(rss)) + " MB (median)", within(median(rss), 200),
                    "footprint");
        }
    }

    private void summary() {
        out.append("### Targets\n\n");
        line("Every verdict comes from the run above (started %s); the *ran* column says when the part that "
                + "measured it ran (a part redone later says so) and the machine's 1-minute load meanwhile.\n",
                get(machine, "date"));
        out.append("| item | target | measured | verdict | ran (load) |\n|---|---|---|---|---|\n");
        for (String[] verdict : verdicts) {
            line("| %s | %s | %s | %s | %s |", (Object[]) verdict);
        }
        out.append('\n');
    }

    // ---- figures --------------------------------------------------------------------------------

    /** One line of JMH's CSV: a primary score (metric "") or a secondary one (gc.alloc.rate.norm, p0.99, …). */
    record Row(String benchmark, String metric, String mode, int threads, double score, double error, String unit,
               String param) {
    }

    private Optional<Row> find(String benchmark, String metric, String param) {
        return jmh.stream()
                .filter(row -> row.benchmark.endsWith(benchmark) && row.metric.equals(metric)
                        && (param.isEmpty() || row.param.equals(param)))
                .findFirst();
    }

    private static String figure(Optional<Row> row) {
        return row.map(r -> Double.isNaN(r.error) ? fmt(r.score) + " " + r.unit
                : fmt(r.score) + " ± " + fmt(r.error) + " " + r.unit).orElse("not run");
    }

    private static String bytes(Optional<Row> row) {
        return row.map(r -> fmt(r.score) + " B/op").orElse("not run");
    }

    /** a / b with the range the two confidence intervals allow. */
    private static String ratio(Optional<Row> a, Optional<Row> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return "not run";
        }
        Row x = a.get();
        Row y = b.get();
        double ratio = x.score / y.score;
        if (Double.isNaN(x.error) || Double.isNaN(y.error) || y.score - y.error <= 0) {
            return String.format(Locale.ROOT, "%.2f×", ratio);
        }
        return String.format(Locale.ROOT, "%.2f× (%.2f–%.2f)", ratio, Math.max(0, x.score - x.error) / (y.score + y.error),
                (x.score + x.error) / (y.score - y.error));
    }

    private static String time(Row row) {
        return fmt(row.score) + " " + row.unit.replace("/op", "");
    }

    private static double millis(Row row) {
        String unit = row.unit.replace("/op", "");
        return switch (unit) {
            case "ns" -> row.score / 1e6;
            case "us" -> row.score / 1e3;
            case "ms" -> row.score;
            case "s" -> row.score * 1e3;
            default -> throw new IllegalArgumentException("unknown unit " + row.unit);
        };
    }

    private static String within(double value, double bound) {
        return value <= bound ? "met" : String.format(Locale.ROOT, "missed by %.2f× (%s over)", value / bound,
                fmt(value - bound));
    }

    private static String missedBelow(double value, double bound) {
        return String.format(Locale.ROOT, "missed: %.2f of the %.2f wanted", value, bound);
    }

    private void verdict(String item, String target, String measured, String verdict, String part) {
        verdicts.add(new String[] {item, target, measured, verdict,
            machine.getProperty("run." + part, get(machine, "date")) + " (load " + loadSummary(part) + ")"});
    }

    /** Under a part's heading: when it ran and the load meanwhile. */
    private void ran(String part) {
        line("Ran %s; 1-minute load average, sampled every 5 s: %s.\n",
                machine.getProperty("run." + part, get(machine, "date")), loadSummary(part));
    }

    /** The load samples of {@code part}: min–max and median, or "not recorded" for a run without them. */
    private String loadSummary(String part) {
        Path file = results.resolve("load-" + part + ".txt");
        double[] samples;
        try {
            samples = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::trim).filter(line -> !line.isEmpty()).mapToDouble(Double::parseDouble).toArray()
                    : new double[0];
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (samples.length == 0) {
            return "not recorded";
        }
        return String.format(Locale.ROOT, "%.2f–%.2f, median %.2f", min(samples), max(samples), median(samples));
    }

    private static String joined(double[] values) {
        return String.join(", ", Arrays.stream(values).mapToObj(Report::fmt).toList());
    }

    private static String fmt(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%,.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }

    private static String spread(double[] values) {
        return values.length == 1 ? fmt(values[0])
                : fmt(mean(values)) + " (" + fmt(min(values)) + "–" + fmt(max(values)) + ")";
    }

    private static String spreadMedian(double[] values) {
        return values.length == 0 ? "not run" : values.length == 1 ? fmt(values[0])
                : fmt(median(values)) + " median (" + fmt(min(values)) + "–" + fmt(max(values)) + ")";
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    // ---- input ----------------------------------------------------------------------------------

    private static String get(Properties properties, String key) {
        return properties.getProperty(key, "–");
    }

    private static double[] numbers(Properties properties, String key) {
        String value = properties.getProperty(key, "").trim();
        return value.isEmpty() ? new double[0]
                : Arrays.stream(value.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        }
        return properties;
    }

    /** JMH's CSV: {@code "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"[,"Param: …"]}. */
    static List<Row> rows(Path csv) throws IOException {
        List<Row> rows = new ArrayList<>();
        if (!Files.exists(csv)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells.length < 7) {
                continue;
            }
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].trim().replace("\"", "");
            }
            String name = cells[0];
            int colon = name.indexOf(':');
            String metric = colon < 0 ? "" : name.substring(colon + 1).replace("\u00b7", "");
            String benchmark = colon < 0 ? name : name.substring(0, colon);
            rows.add(new Row(benchmark, metric, cells[1], Integer.parseInt(cells[2]), number(cells[4]),
                    number(cells[5]), cells[6], cells.length > 7 ? cells[7] : ""));
        }
        return rows;
    }

    private static double number(String cell) {
        return cell.isEmpty() || cell.equals("NaN") ? Double.NaN : Double.parseDouble(cell);
    }
}
