package org.toolsetconfig.bootstrap;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.application.port.in.QueryToolsetsUseCase;
import org.toolsetconfig.bootstrap.SettingsResolution.SettingWarning;
import org.toolsetconfig.domain.ConfigSnapshot;

/**
 * {@code serve}: settings, logging, wiring, then {@link Service#start()}; on SIGTERM the shutdown
 * hook stops everything in reverse and the process exits 0 (B10).
 */
final class Serve {

    /** Logging as the service sets it up: the chosen format and level, on stdout. */
    static final Consumer<Settings> STDOUT_LOGGING = settings -> LogSetup.apply(settings.get(Setting.LOG_FORMAT),
            settings.get(Setting.LOG_LEVEL), LogSetup.Target.STDOUT);

    private final Map<String, String> environment;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Consumer<Settings> logging;

    Serve(Map<String, String> environment, PrintWriter out, PrintWriter err, Consumer<Settings> logging) {
        this.environment = environment;
        this.out = out;
        this.err = err;
        this.logging = logging;
    }

    /** Runs until the process is told to stop; returns only when startup is refused (exit code 1). */
    int run(Map<Setting<?>, String> flags) {
        SettingsResolution resolution = SettingsResolver.resolve(environment, flags);
        if (resolution instanceof SettingsResolution.Rejected rejected) {
            rejected.problems().forEach(err::println);
            err.println("Fix the setting" + (rejected.problems().size() > 1 ? "s" : "")
                    + " above and start again (see --help for every setting and its range).");
            err.flush();
            return 1;
        }
        SettingsResolution.Resolved resolved = (SettingsResolution.Resolved) resolution;
        Settings settings = resolved.settings();
        logging.accept(settings);
        Logger log = LoggerFactory.getLogger(Serve.class);
        for (SettingWarning warning : resolved.warnings()) {
            log.atWarn().setMessage(warning.event()).addKeyValue("variable", warning.setting().variable())
                    .addKeyValue("requested", warning.requested()).addKeyValue("used", warning.used()).log();
        }

        Injector injector;
        try {
            injector = Guice.createInjector(Stage.PRODUCTION, new ServiceModule(settings));
        } catch (CreationException e) {
            // What a module cannot build from the settings (no namespace for the ConfigMap, no usable
            // kubeconfig): its own message, not Guice's report with stack traces, and once, though
            // Guice reports it again for every binding that needed it.
            e.getErrorMessages().stream().map(message -> message.getCause() != null
                            && message.getCause().getMessage() != null ? message.getCause().getMessage()
                            : message.getMessage())
                    .distinct().forEach(message -> err.println("Service startup failed: " + message));
            err.flush();
            return 1;
        }
        Service service = injector.getInstance(Service.class);
        StartResult result = service.start();
        if (result instanceof StartResult.Refused refused) {
            refused.lines().forEach(err::println);
            err.flush();
            return 1;
        }
        if (result instanceof StartResult.Failed failed) {
            err.println("Service startup failed: " + failed.component() + " could not start: " + failed.cause());
            err.flush();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutDown(service, log, stopped), "shutdown"));

        started(log, settings, injector.getInstance(SourceDescription.class),
                injector.getInstance(HttpServerLifecycle.class).port(),
                injector.getInstance(QueryToolsetsUseCase.class).activeSnapshot());
        out.flush();
        awaitQuietly(stopped);
        return 0;
    }

    /**
     * The line operators wait for; {@code path}, {@code poll_interval} (seconds),
     * {@code max_failures_before_reload} and {@code dev_mode} are the seed's fields (DESIGN §7);
     * {@code path} names the ConfigMap and its key when the source is the Kubernetes API.
     */
    static void started(Logger log, Settings settings, SourceDescription source, int port, ConfigSnapshot active) {
        log.atInfo().setMessage("toolset_config_service_started")
                .addKeyValue("version", Cli.version())
                .addKeyValue("source", source.source().shown())
                .addKeyValue("path", source.location())
                .addKeyValue("host", settings.get(Setting.HTTP_HOST))
                .addKeyValue("port", port)
                .addKeyValue("dev_mode", settings.get(Setting.DEV_MODE))
                .addKeyValue("max_failures_before_reload", settings.get(Setting.MAX_FAILURES_BEFORE_RELOAD))
                .addKeyValue("generation", active.generation())
                .addKeyValue("toolsets_active", active.toolsets().size())
                .addKeyValue("watch_enabled", settings.get(Setting.WATCH_ENABLED))
                .addKeyValue("poll_interval", settings.get(Setting.POLL_INTERVAL_SECONDS).toSeconds())
                .addKeyValue("auth", settings.apiToken().isPresent() ? "bearer_token" : "none")
                .addKeyValue("startup_ms", ManagementFactory.getRuntimeMXBean().getUptime())
                .log();
    }

    /**
     * B10 on SIGTERM: readiness off, HTTP drained, sweeper, watcher and poller stopped. A JVM
     * stopped by a signal exits with 128+15 once its hooks finish; a clean stop is a success for
     * an orchestrator, so the hook ends the process with 0 itself.
     */
    private static void shutDown(Service service, Logger log, CountDownLatch stopped) {
        log.atInfo().setMessage("toolset_config_service_stopping").log();
        long start = System.nanoTime();
        service.stop();
        log.atInfo().setMessage("toolset_config_service_stopped")
                .addKeyValue("duration_ms", (System.nanoTime() - start) / 1_000_000).log();
        stopped.countDown();
        LogSetup.flush();
        Runtime.getRuntime().halt(0);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
