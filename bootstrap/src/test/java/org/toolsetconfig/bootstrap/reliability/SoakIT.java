package org.toolsetconfig.bootstrap.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.toolsetconfig.bootstrap.e2e.ServiceProcess.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toolsetconfig.adapters.filesystem.testing.ConfigMapVolume;
import org.toolsetconfig.bootstrap.e2e.ServiceProcess;

/**
 * A bounded soak of the built jar on loopback: several client threads send a mix of every API call
 * (failures, successes, sessions, reads, manual reloads, validations, metrics scrapes) while the
 * ConfigMap is swapped atomically every half second, one version in four invalid. Afterwards: no
 * 5xx (every answer a 2xx), every counter in the API and in {@code /metrics} equal to what the
 * clients were told, the last valid file active, the heap after a full GC stable, and SIGTERM ends
 * the process with 0.
 *
 * <p>It runs for {@code -Dsoak.seconds} (default 15 in {@code mvn verify}; the figures in
 * docs/reliability.md come from {@code -Dsoak.seconds=60}).
 */
class SoakIT {

    private static final String TOKEN = "soak-token";
    private static final int TOOLSETS = 20;
    private static final int CLIENTS = 4;
    /** CPU per second of an idle service, well under the whole second a spinning thread would use. */
    private static final double IDLE_CPU_SECONDS = 0.2;
    private static final List<String> ERROR_TYPES = List.of("Timeout", "ConnectionRefused", "Unauthorized");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private URI base;

    /** What the clients sent and were told. */
    private static final class Sent {
        final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        final LongAdder requests = new LongAdder();
        final LongAdder successes = new LongAdder();
        final LongAdder attempted = new LongAdder();
        final LongAdder blocked = new LongAdder();
        final LongAdder manualReloads = new LongAdder();
        final LongAdder sessionsCreated = new LongAdder();
        final LongAdder sessionsEnded = new LongAdder();
        final LongAdder validations = new LongAdder();
        final LongAdder swaps = new LongAdder();
        final List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
    }

    private static String name(int toolset) {
        return "team/toolset-" + toolset;
    }

    private static String document(int version, boolean valid) {
        StringBuilder yaml = new StringBuilder("discovered:\n");
        for (int i = 0; i < TOOLSETS; i++) {
            yaml.append("  - name: ").append(name(i)).append("\n    enabled: ").append(valid ? "true" : "sometimes")
                    .append("\n    priority: ").append(i % 5).append('\n');
        }
        return yaml.append("# version ").append(version).append('\n').toString();
    }

    @Test
    void mixedHttpLoadOnTheRunningJarLosesNothing(@TempDir Path temp) throws Exception {
        long seconds = Long.getLong("soak.seconds", 15);
        ConfigMapVolume volume = ConfigMapVolume.mount(temp.resolve("toolsets"), "toolsets.yaml", document(0, true));
        Path stdout = temp.resolve("stdout.log");
        // At log level ERROR the startup line (INFO) is not written: pick the port here.
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        List<String> command = List.of(ServiceProcess.java(), "-Xmx256m", "-jar", ServiceProcess.jar().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(temp.resolve("stderr.log").toFile());
        builder.environment().keySet().removeIf(key -> !key.equals("PATH"));
        builder.environment().putAll(Map.of(
                "TOOLSET_CONFIG_PATH", volume.file("toolsets.yaml").toString(),
                "TOOLSET_HTTP_HOST", "127.0.0.1",
                "TOOLSET_HTTP_PORT", String.valueOf(port),
                "TOOLSET_API_TOKEN", TOKEN,
                "TOOLSET_RELOAD_COOLDOWN_SECONDS", "2",
                "TOOLSET_POLL_INTERVAL_SECONDS", "30",
                "TOOLSET_LOG_LEVEL", "ERROR"));
        Process process = builder.start();
        try {
            base = URI.create("http://127.0.0.1:" + port + "/");
            await(Duration.ofSeconds(30), () -> {
                if (!process.isAlive()) {
                    fail("the service ended with " + process.exitValue() + ":\n" + read(stdout)
                            + read(temp.resolve("stderr.log")));
                }
                return get("readyz").statusCode() == 200;
            }, "ready");

            Sent sent = new Sent();
            warmUp(sent);
            List<long[]> heap = new ArrayList<>();
            heap.add(new long[] {0, heapAfterGc(process)});

            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
            List<Future<?>> futures = new ArrayList<>();
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            for (int c = 0; c < CLIENTS; c++) {
                int seed = c;
                futures.add(clients.submit(() -> {
                    clientLoop(new SplittableRandom(2026L + seed), seed, sent, end);
                    return null;
                }));
            }
            int[] lastVersion = {0};
            futures.add(clients.submit(() -> {
                for (int version = 1; System.nanoTime() < end; version++) {
                    boolean valid = version % 4 != 0;
                    volume.update("toolsets.yaml", document(version, valid));
                    sent.swaps.increment();
                    lastVersion[0] = version;
                    TimeUnit.MILLISECONDS.sleep(500); // the writer's pace, not a wait for a result
                }
                return null;
            }));
            // Heap after GC every 10 s while the load runs.
            while (System.nanoTime() < end) {
                long next = Math.min(end, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
                TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime())); // sampling pace
                if (System.nanoTime() < end) {
                    heap.add(new long[] {(System.nanoTime() - start) / 1_000_000_000L, heapAfterGc(process)});
                }
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();
            assertTrue(clients.awaitTermination(10, TimeUnit.SECONDS));
            double took = (System.nanoTime() - start) / 1e9;
            heap.add(new long[] {Math.round(took), heapAfterGc(process)});

            // The last word on the file is a valid version; it must end up active.
            String last = document(lastVersion[0] + 1, true);
            volume.update("toolsets.yaml", last);
            String checksum = sha256(last);
            await(Duration.ofSeconds(15), () -> json(get("api/v1/toolsets")).get("checksum").asText().equals(checksum),
                    "the last valid file active");

            assertExact(sent);
            assertEquals(List.of(), sent.unexpected, "unexpected answers");
            long fiveHundreds = sent.statuses.entrySet().stream().filter(e -> e.getKey() >= 500)
                    .mapToLong(e -> e.getValue().sum()).sum();
            assertEquals(0, fiveHundreds, "5xx answers: " + sent.statuses);
            long firstHeap = heap.get(0)[1];
            long lastHeap = heap.get(heap.size() - 1)[1];
            assertTrue(lastHeap <= firstHeap + 32L * 1024 * 1024, "heap after GC grew from " + firstHeap + " to "
                    + lastHeap + " bytes");
            // With the load over the service goes quiet: no request left a thread spinning (which would
            // burn a whole core). The compilers may still be busy for a few seconds, hence the bound.
            double[] idleCpu = {Double.NaN};
            await(Duration.ofSeconds(30), () -> (idleCpu[0] = cpuSecondsInOneSecond(process)) < IDLE_CPU_SECONDS,
                    "a second in which the service used under " + IDLE_CPU_SECONDS + " s of CPU");

            Map<Integer, Long> statuses = new TreeMap<>();
            sent.statuses.forEach((status, count) -> statuses.put(status, count.sum()));
            StringBuilder heapSeries = new StringBuilder();
            heap.forEach(sample -> heapSeries.append(sample[0]).append("s=").append(sample[1] / 1024 / 1024)
                    .append("MiB "));
            System.out.printf(Locale.ROOT, "[reliability] soak.seconds=%.1f requests=%d rps=%.0f statuses=%s "
                            + "failures=%d successes=%d forced_rechecks=%d cooldown_blocked=%d manual_reloads=%d "
                            + "sessions=%d validations=%d swaps=%d heap_after_gc=[%s] idle_cpu_ms_per_s=%.0f%n",
                    took, sent.requests.sum(),
                    sent.requests.sum() / took, statuses, total(sent.failures), sent.successes.sum(),
                    sent.attempted.sum(), sent.blocked.sum(), sent.manualReloads.sum(), sent.sessionsCreated.sum(),
                    sent.validations.sum(), sent.swaps.sum(), heapSeries.toString().strip(), idleCpu[0] * 1000);

            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "stopped on SIGTERM");
            assertEquals(0, process.exitValue());
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** One request of each kind before the first heap sample, so class loading is not counted as growth. */
    private void warmUp(Sent sent) {
        SplittableRandom random = new SplittableRandom(1);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        clientLoop(random, 99, sent, until);
    }

    private void clientLoop(SplittableRandom random, int client, Sent sent, long end) {
        int session = 0;
        while (System.nanoTime() < end) {
            int dice = random.nextInt(100);
            String toolset = name(random.nextInt(TOOLSETS));
            if (dice < 40) {
                String body = "{\"errorType\":\"" + ERROR_TYPES.get(random.nextInt(ERROR_TYPES.size()))
                        + "\",\"errorMessage\":\"soak " + client + "\"}";
                HttpResponse<String> response = call(sent, post("api/v1/toolsets/" + toolset + "/failures", body), 200);
                if (response.statusCode() == 200) {
                    sent.failures.computeIfAbsent(toolset, k -> new LongAdder()).increment();
                    JsonNode reload = json(response).get("reload");
                    if (reload.get("attempted").asBoolean()) {
                        sent.attempted.increment();
                    }
                    if (reload.get("blockedByCooldown").asBoolean()) {
                        sent.blocked.increment();
                    }
                }
            } else if (dice < 60) {
                call(sent, post("api/v1/toolsets/" + toolset + "/successes", null), 200);
                sent.successes.increment();
            } else if (dice < 70) {
                String id = "soak-" + client + "-" + session++;
                if (call(sent, request("api/v1/sessions/" + id).PUT(HttpRequest.BodyPublishers.noBody()),
                        201).statusCode() == 201) {
                    sent.sessionsCreated.increment();
                }
                call(sent, request("api/v1/sessions/" + id).GET(), 200);
                if (call(sent, request("api/v1/sessions/" + id).DELETE(), 204).statusCode() == 204) {
                    sent.sessionsEnded.increment();
                }
            } else if (dice < 82) {
                String path = List.of("api/v1/toolsets", "api/v1/status", "api/v1/failures", "api/v1/sessions",
                        "api/v1/toolsets/" + toolset).get(random.nextInt(5));
                HttpResponse<String> response = send(sent, request(path).GET());
                int status = response.statusCode();
                // A toolset nobody has failed yet and that a swap just disabled is a 404: the only one expected.
                if (status != 200 && !(status == 404 && path.equals("api/v1/toolsets/" + toolset))) {
                    sent.unexpected.add("GET " + path + " -> " + status + " " + response.body());
                }
            } else if (dice < 85) {
                call(sent, post("api/v1/reload", null), 200);
                sent.manualReloads.increment();
            } else if (dice < 88) {
                call(sent, request("api/v1/validate").header("Content-Type", "application/yaml")
                        .POST(HttpRequest.BodyPublishers.ofString(document(random.nextInt(9), random.nextBoolean()))), 200);
                sent.validations.increment();
            } else if (dice < 90) {
                call(sent, request("metrics").GET(), 200);
            } else {
                call(sent, request(random.nextBoolean() ? "healthz" : "readyz").GET(), 200);
            }
        }
    }

    private void assertExact(Sent sent) {
        JsonNode failures = json(get("api/v1/failures")).get("failures");
        Map<String, Long> reported = new TreeMap<>();
        failures.forEach(record -> reported.put(record.get("toolset").asText(), record.get("totalFailures").asLong()));
        Map<String, Long> expected = new TreeMap<>();
        sent.failures.forEach((toolset, count) -> expected.put(toolset, count.sum()));
        assertEquals(expected, reported, "totalFailures per toolset");

        Map<String, Double> metrics = scrape();
        Map<String, Long> metricFailures = new TreeMap<>();
        metrics.forEach((sample, value) -> {
            if (sample.startsWith("holmesgpt_toolset_failures_total{")) {
                metricFailures.merge(label(sample, "toolset"), value.longValue(), Long::sum);
            }
        });
        assertEquals(expected, metricFailures, "holmesgpt_toolset_failures_total per toolset");
        assertEquals(sent.manualReloads.sum(), sum(metrics, "holmesgpt_configmap_reload_total", "trigger", "manual"));
        assertEquals(sent.attempted.sum(), sum(metrics, "holmesgpt_configmap_reload_total", "trigger",
                "failure_threshold"));
        assertEquals(sent.attempted.sum(), sum(metrics, "holmesgpt_auto_reload_triggered_total", null, null));
        assertEquals(sent.blocked.sum(), sum(metrics, "holmesgpt_reload_cooldown_blocks_total", null, null));
        assertEquals(0, sum(metrics, "holmesgpt_active_investigation_sessions", null, null));
        assertEquals(sent.sessionsCreated.sum(), sent.sessionsEnded.sum());
        JsonNode status = json(get("api/v1/status"));
        assertEquals(0, status.get("activeSessions").asInt());
        assertEquals(TOOLSETS, status.get("trackedToolsets").asInt() + untracked(sent));
    }

    private static int untracked(Sent sent) {
        return TOOLSETS - sent.failures.size();
    }

    private static long total(Map<String, LongAdder> counts) {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static long sum(Map<String, Double> metrics, String name, String labelName, String labelValue) {
        double total = 0;
        for (Map.Entry<String, Double> sample : metrics.entrySet()) {
            String key = sample.getKey();
            boolean named = key.equals(name) || key.startsWith(name + "{");
            if (named && (labelName == null || labelValue.equals(label(key, labelName)))) {
                total += sample.getValue();
            }
        }
        return Math.round(total);
    }

    private static String label(String sample, String name) {
        Matcher matcher = LABEL.matcher(sample);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2);
            }
        }
        return null;
    }

    private Map<String, Double> scrape() {
        Map<String, Double> samples = new TreeMap<>();
        for (String line : get("metrics").body().split("\n")) {
            Matcher matcher = SAMPLE.matcher(line);
            if (!line.startsWith("#") && matcher.matches()) {
                samples.put(matcher.group(1) + (matcher.group(2) == null ? "" : matcher.group(2)),
                        Double.parseDouble(matcher.group(4)));
            }
        }
        return samples;
    }

    /** The CPU time the service's process used during one second of the test's clock. */
    private static double cpuSecondsInOneSecond(Process process) {
        Duration before = process.toHandle().info().totalCpuDuration().orElseThrow();
        try {
            TimeUnit.SECONDS.sleep(1); // the sampling window, not a wait for a result
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.toHandle().info().totalCpuDuration().orElseThrow().minus(before).toNanos() / 1e9;
    }

    /** Heap in use right after a full GC, asked of the service with jcmd and read from its own /metrics. */
    private long heapAfterGc(Process process) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(process.pid()), "GC.run").redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(jcmd.waitFor(30, TimeUnit.SECONDS) && jcmd.exitValue() == 0, "jcmd GC.run: " + output);
        long used = 0;
        for (Map.Entry<String, Double> sample : scrape().entrySet()) {
            if (sample.getKey().startsWith("jvm_memory_used_bytes{") && "heap".equals(label(sample.getKey(), "area"))) {
                used += sample.getValue().longValue();
            }
        }
        assertTrue(used > 0, "jvm_memory_used_bytes{area=\"heap\"} is scraped");
        return used;
    }

    private HttpRequest.Builder request(String path) {
        // Every request under /api/v1 needs the token, reads too (DESIGN §4); the others ignore it.
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKEN);
    }

    private HttpRequest.Builder post(String path, String json) {
        HttpRequest.Builder builder = request(path);
        return json == null ? builder.POST(HttpRequest.BodyPublishers.noBody())
                : builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpResponse<String> call(Sent sent, HttpRequest.Builder request, int expected) {
        HttpResponse<String> response = send(sent, request);
        if (response.statusCode() != expected) {
            sent.unexpected.add(response.request().method() + " " + response.uri().getPath() + " -> "
                    + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private HttpResponse<String> send(Sent sent, HttpRequest.Builder request) {
        HttpResponse<String> response = send(request);
        sent.requests.increment();
        sent.statuses.computeIfAbsent(response.statusCode(), k -> new LongAdder()).increment();
        return response;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
