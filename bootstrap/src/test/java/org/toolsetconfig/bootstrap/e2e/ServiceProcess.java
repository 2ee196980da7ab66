package org.toolsetconfig.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built jar ({@code bootstrap/target/toolset-config-service.jar}) running as a separate process,
 * with its stdout and stderr in files, and a small HTTP client for its API. Always {@link #close()}d:
 * a process left behind is killed.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("toolset_config_service_started .*\\bport=(\\d+)"
            + "|\"event\":\"toolset_config_service_started\".*\"port\":(\\d+)");

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private int port = -1;

    private ServiceProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** The service jar built by {@code package}, as the failsafe configuration names it. */
    public static Path jar() {
        String jar = System.getProperty("service.jar");
        assertNotNull(jar, "run the end-to-end tests through Maven (failsafe sets service.jar)");
        Path path = Path.of(jar);
        assertTrue(Files.isRegularFile(path), "no service jar at " + path + "; run `mvn package` first");
        return path;
    }

    /** The java of the JVM running the tests: the one the service is started with. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The repository's root folder, for the examples. */
    static Path projectRoot() {
        return Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    }

    /**
     * Starts {@code java -jar toolset-config-service.jar args} with only {@code environment} (plus
     * PATH) set, so the developer's own TOOLSET_* variables never leak in.
     */
    static ServiceProcess start(Path workDirectory, Map<String, String> environment, String... args) {
        return start(workDirectory, environment, List.of(), args);
    }

    /** As {@link #start(Path, Map, String...)}, with {@code jvmOptions} before {@code -jar}. */
    static ServiceProcess start(Path workDirectory, Map<String, String> environment, List<String> jvmOptions,
                                String... args) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(workDirectory);
            Path stdout = Files.createTempFile(workDirectory, "stdout", ".log");
            Path stderr = Files.createTempFile(workDirectory, "stderr", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(projectRoot().toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            builder.environment().keySet().removeIf(name -> !name.equals("PATH"));
            builder.environment().putAll(environment);
            return new ServiceProcess(builder.start(), stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to its end (validate, a refused start) and returns its exit code. */
    static Finished run(Path workDirectory, Map<String, String> environment, Duration bound, String... args) {
        try (ServiceProcess process = start(workDirectory, environment, args)) {
            int code = process.exitCode(bound);
            return new Finished(code, process.stdout(), process.stderr());
        }
    }

    /** A process that ended: its exit code and output. */
    record Finished(int exitCode, String stdout, String stderr) {
    }

    /** Waits for the startup line and returns the port it names. */
    int awaitStarted(Duration bound) {
        await(bound, () -> {
            if (!process.isAlive()) {
                fail("the service ended with " + process.exitValue() + " before it started:\n" + stdout() + stderr());
            }
            Matcher matcher = PORT.matcher(stdout());
            if (matcher.find()) {
                port = Integer.parseInt(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
                return true;
            }
            return false;
        }, "the startup line");
        return port;
    }

    /** Waits until {@code /readyz} answers 200. */
    void awaitReady(Duration bound) {
        if (port < 0) {
            awaitStarted(bound);
        }
        await(bound, () -> get("/readyz").statusCode() == 200, "/readyz 200");
    }

    int port() {
        return port;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends SIGTERM, as Kubernetes does. */
    void terminate() {
        process.destroy();
    }

    /** Waits for the process to end and returns its exit code; fails after {@code bound}. */
    int exitCode(Duration bound) {
        try {
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("the process did not end within " + bound + ":\n" + stdout() + stderr());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code condition} until it holds or fails after {@code bound}; never a bare sleep. */
    public static void await(Duration bound, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            boolean met;
            try {
                met = condition.getAsBoolean();
            } catch (UncheckedIOException e) {
                met = false;
            }
            if (met) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("waited " + bound + " for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
