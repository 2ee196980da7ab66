package org.toolsetconfig.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Apply → event on a running service: {@code subscribers} clients follow {@code GET /api/v1/events}
 * on loopback (non-blocking sockets on one selector thread, so the client side holds no thread per
 * connection either), then each of {@code applies} changes of the config file is applied with
 * {@code POST /api/v1/reload}, and the time from sending that request until the LAST subscriber has
 * read the {@code config_applied} frame is recorded. Before and after connecting, the service's heap
 * after a full GC ({@code jcmd GC.run}, then its own {@code /metrics}) and its live threads.
 *
 * <p>Usage: {@code EventFanOut <base url> <config file> <service pid> <subscribers> <applies>};
 * prints {@code key=value} lines. The service must run without the watch, so only the POST applies.
 */
public final class EventFanOut {

    private static final Pattern ID = Pattern.compile("(?m)^id: (\\d+)$");

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final long pid;
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final Selector selector;
    private volatile boolean reading = true;

    /** One connection: what it has read so far (up to the last line break) and the last id with its arrival. */
    private static final class Subscriber {
        final SocketChannel channel;
        final StringBuilder pending = new StringBuilder();
        volatile long lastId = -1;
        volatile long lastIdAtNanos;
        volatile boolean opened;

        Subscriber(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private EventFanOut(URI base, long pid) throws IOException {
        this.base = base;
        this.pid = pid;
        this.selector = Selector.open();
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        Path config = Path.of(args[1]);
        EventFanOut run = new EventFanOut(base, Long.parseLong(args[2]));
        int count = Integer.parseInt(args[3]);
        int applies = Integer.parseInt(args[4]);
        run.measure(config, count, applies);
    }

    private void measure(Path config, int count, int applies) throws Exception {
        print("events.heap_before_mb", String.format(Locale.ROOT, "%.1f", heapMb()));
        print("events.threads_before", String.valueOf((long) metric("jvm_threads_live_threads")));
        Thread reader = new Thread(this::readLoop, "fan-out-reader");
        reader.setDaemon(true);
        reader.start();
        connect(count);
        awaitTrue(() -> subscribers.stream().allMatch(s -> s.opened), Duration.ofSeconds(60), "every stream to open");
        awaitTrue(() -> metric("holmesgpt_event_subscribers") == count, Duration.ofSeconds(30),
                "the service to count " + count + " subscribers");
        print("events.subscribers", String.valueOf(count));
        print("events.heap_connected_mb", String.format(Locale.ROOT, "%.1f", heapMb()));
        print("events.threads_connected", String.valueOf((long) metric("jvm_threads_live_threads")));

        double[] lastDelays = new double[applies];
        double[] firstDelays = new double[applies];
        double[] postMillis = new double[applies];
        // A few applies before the measured ones, so both JITs have compiled the path.
        int warmup = Math.max(3, applies / 5);
        for (int i = -warmup; i < applies; i++) {
            long seen = subscribers.stream().mapToLong(s -> s.lastId).max().orElse(-1);
            Files.writeString(config, Documents.toolsets(20, i + warmup + 1), StandardCharsets.UTF_8);
            long t0 = System.nanoTime();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/reload"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            long t1 = System.nanoTime();
            if (answer.statusCode() != 200 || !answer.body().contains("config_changed")) {
                throw new IllegalStateException("the reload did not apply: " + answer.statusCode() + " " + answer.body());
            }
            awaitTrue(() -> subscribers.stream().allMatch(s -> s.lastId > seen), Duration.ofSeconds(30),
                    "every subscriber to read the event");
            if (i >= 0) {
                long last = subscribers.stream().mapToLong(s -> s.lastIdAtNanos).max().orElseThrow();
                long first = subscribers.stream().mapToLong(s -> s.lastIdAtNanos).min().orElseThrow();
                lastDelays[i] = (last - t0) / 1e6;
                firstDelays[i] = (first - t0) / 1e6;
                postMillis[i] = (t1 - t0) / 1e6;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        print("events.applies", String.valueOf(applies));
        print("events.last_subscriber_ms.p50", fmt(percentile(lastDelays, 50)));
        print("events.last_subscriber_ms.p99", fmt(percentile(lastDelays, 99)));
        print("events.last_subscriber_ms.max", fmt(percentile(lastDelays, 100)));
        print("events.first_subscriber_ms.p50", fmt(percentile(firstDelays, 50)));
        print("events.post_reload_ms.p50", fmt(percentile(postMillis, 50)));
        reading = false;
        selector.wakeup();
        for (Subscriber subscriber : subscribers) {
            subscriber.channel.close();
        }
    }

    private void connect(int count) throws IOException {
        InetSocketAddress address = new InetSocketAddress(base.getHost(), base.getPort());
        byte[] request = ("GET /api/v1/events HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open(address);
            channel.write(ByteBuffer.wrap(request));
            channel.configureBlocking(false);
            Subscriber subscriber = new Subscriber(channel);
            subscribers.add(subscriber);
            // Since JDK 11 a registration does not wait for a select in progress.
            channel.register(selector, SelectionKey.OP_READ, subscriber);
        }
    }

    private void readLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (reading) {
                selector.select(100);
                long now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    Subscriber subscriber = (Subscriber) key.attachment();
                    buffer.clear();
                    int read = subscriber.channel.read(buffer);
                    if (read < 0) {
                        key.cancel();
                        continue;
                    }
                    subscriber.pending.append(new String(buffer.array(), 0, read, StandardCharsets.UTF_8));
                    int end = subscriber.pending.lastIndexOf("\n");
                    if (end < 0) {
                        continue;
                    }
                    String lines = subscriber.pending.substring(0, end + 1);
                    subscriber.pending.delete(0, end + 1);
                    if (!subscriber.opened && lines.contains(": toolset config events")) {
                        subscriber.opened = true;
                    }
                    Matcher id = ID.matcher(lines);
                    long last = -1;
                    while (id.find()) {
                        last = Long.parseLong(id.group(1));
                    }
                    if (last >= 0) {
                        subscriber.lastIdAtNanos = now;
                        subscriber.lastId = last;
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading the streams failed", e);
        }
    }

    private double heapMb() throws Exception {
        Process gc = new ProcessBuilder("jcmd", String.valueOf(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!gc.waitFor(60, TimeUnit.SECONDS)) {
            gc.destroy();
            throw new IllegalStateException("jcmd GC.run did not finish");
        }
        double sum = 0;
        for (String line : scrape().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum / (1024 * 1024);
    }

    private double metric(String name) {
        for (String line : scrape().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new IllegalStateException(name + " is not in the scrape");
    }

    private String scrape() {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("no scrape", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Condition condition, Duration bound, String what) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            // Not a spin: the service shares the machine's cores with this client.
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String fmt(double millis) {
        return String.format(Locale.ROOT, "%.2f", millis);
    }

    private static void print(String key, String value) {
        System.out.println(key + "=" + value);
    }
}
