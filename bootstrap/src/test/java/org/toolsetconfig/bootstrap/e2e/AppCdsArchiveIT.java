package org.toolsetconfig.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Dockerfile's AppCDS step, outside Docker: {@code scripts/appcds-train.sh} writes an archive
 * from one training run of the jar, and the service then starts with the Dockerfile's
 * {@code -XX:SharedArchiveFile} and takes its own classes from it.
 */
class AppCdsArchiveIT {

    private static final Duration BOUND = Duration.ofSeconds(120);

    @Test
    void theTrainingScriptWritesAnArchiveTheServiceStartsFrom(@TempDir Path temp) throws Exception {
        Path root = ServiceProcess.projectRoot();
        Path archive = temp.resolve("toolset-config-service.jsa");
        Path trainingLog = temp.resolve("training.log");
        ProcessBuilder training = new ProcessBuilder("bash", root.resolve("scripts/appcds-train.sh").toString(),
                ServiceProcess.jar().toString(), archive.toString(), root.resolve("examples/toolsets.yaml").toString())
                .redirectErrorStream(true).redirectOutput(trainingLog.toFile());
        training.environment().put("JAVA", ServiceProcess.java());
        Process process = training.start();
        boolean ended;
        try {
            ended = process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS);
        } finally {
            // A script still running at the bound (or when the wait is interrupted) is killed with the JVM it started.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        assertTrue(ended, "training did not end within " + BOUND);
        String log = Files.readString(trainingLog, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), log);
        assertTrue(Files.isRegularFile(archive) && Files.size(archive) > 1_000_000, log);

        // -Xshare:on: the JVM refuses to start unless it maps the archive.
        Path classLoads = temp.resolve("class-load.log");
        List<String> options = List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive,
                "-Xlog:class+load=info:file=" + classLoads);
        try (ServiceProcess service = ServiceProcess.start(temp.resolve("run"), Map.of(), options,
                "--config", "examples/toolsets.yaml", "--port", "0", "--no-startup-probes")) {
            service.awaitReady(Duration.ofSeconds(30));
            service.terminate();
            assertEquals(0, service.exitCode(Duration.ofSeconds(10)), service.stdout() + service.stderr());
        }
        List<String> loads = Files.readAllLines(classLoads, StandardCharsets.UTF_8);
        assertTrue(loads.stream().anyMatch(line -> line.contains("org.toolsetconfig.bootstrap.Serve ")
                && line.contains("source: shared objects file (top)")), "Serve was not taken from the archive");
        long fromArchive = loads.stream().filter(line -> line.contains("shared objects file (top)")).count();
        assertTrue(fromArchive > 1_000, fromArchive + " classes from the archive");
    }
}
