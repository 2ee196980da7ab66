package org.toolsetconfig.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import com.google.inject.name.Named;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.toolsetconfig.adapters.http.StatusSource;
import org.toolsetconfig.adapters.kubernetes.ConfigMapConfigSource;
import org.toolsetconfig.adapters.kubernetes.ConfigMapLocation;
import org.toolsetconfig.adapters.kubernetes.ConfigMapWatcher;
import org.toolsetconfig.adapters.kubernetes.KubernetesClients;
import org.toolsetconfig.adapters.metrics.ConfigSourceMetrics;
import org.toolsetconfig.application.port.in.ReloadConfigurationUseCase;
import org.toolsetconfig.application.port.out.ConfigSource;

/**
 * The Kubernetes adapter as the source ({@code TOOLSET_SOURCE=kubernetes}, DESIGN.md §10): the
 * ConfigMap read with a live GET, the watch on it as the {@code watcher} lifecycle, and the watch's
 * two meters. The client's configuration is fabric8's usual discovery (in-cluster credentials, else
 * the kubeconfig); building the module starts nothing, the first load is the first request.
 */
final class KubernetesAdapterModule extends AbstractModule {

    /** Where kubelet puts the pod's namespace, beside the ServiceAccount token. */
    static final Path POD_NAMESPACE_FILE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    @Provides
    @Singleton
    Config kubernetesConfig() {
        return Config.autoConfigure(null);
    }

    @Provides
    @Singleton
    KubernetesClient kubernetesClient(Config config) {
        return KubernetesClients.forConfigSource(config);
    }

    @Provides
    @Singleton
    ConfigMapLocation configMapLocation(Settings settings, Config config) {
        return new ConfigMapLocation(namespace(settings.get(Setting.CONFIGMAP_NAMESPACE), POD_NAMESPACE_FILE, config),
                settings.get(Setting.CONFIGMAP_NAME), settings.get(Setting.CONFIGMAP_KEY));
    }

    @Provides
    @Singleton
    ConfigSource configSource(KubernetesClient client, ConfigMapLocation location, Settings settings) {
        return new ConfigMapConfigSource(client, location, settings.get(Setting.CONFIG_MAX_BYTES));
    }

    @Provides
    @Singleton
    ConfigMapWatcher configMapWatcher(KubernetesClient client, ConfigMapLocation location,
                                      ReloadConfigurationUseCase reloads) {
        return new ConfigMapWatcher(client, location, reloads, ConfigMapWatcher.Backoff.defaults());
    }

    /**
     * The watch of §10 when {@code TOOLSET_WATCH_ENABLED}; the poll, a lifecycle of its own, reads
     * live either way. The client is closed last, after everything that reads through it stopped.
     */
    @Provides
    @Singleton
    @Named("watcher")
    Lifecycle watcherLifecycle(Settings settings, ConfigMapWatcher watcher, KubernetesClient client) {
        boolean watch = settings.get(Setting.WATCH_ENABLED);
        return Lifecycle.of("configmap-watcher", () -> {
            if (watch) {
                watcher.start();
            }
        }, () -> {
            watcher.close();
            client.close();
        });
    }

    @ProvidesIntoSet
    MeterBinder sourceMetrics(ConfigMapWatcher watcher) {
        return new ConfigSourceMetrics(watcher::connected, watcher::reconnects);
    }

    @Provides
    SourceDescription sourceDescription(ConfigMapLocation location) {
        return new SourceDescription(Settings.Source.KUBERNETES, location + ", key " + location.key(),
                new StatusSource.Kubernetes(location.namespace(), location.name(), location.key()),
                "create " + location + " with key '" + location.key() + "' (`kubectl -n " + location.namespace()
                        + " create configmap " + location.name() + " --from-file=" + location.key()
                        + "=toolsets.yaml`), or add that key to it,",
                "correct key '" + location.key() + "' of " + location + " (`kubectl -n " + location.namespace()
                        + " edit configmap " + location.name() + "`; check the YAML with `" + Cli.jarCommand()
                        + " validate FILE`)");
    }

    /**
     * {@code TOOLSET_CONFIGMAP_NAMESPACE} when set; else the pod's namespace; else, outside a
     * cluster, the kubeconfig context's; else an error that says to set the variable.
     */
    static String namespace(Optional<String> setting, Path podNamespaceFile, Config config) {
        return setting.or(() -> podNamespace(podNamespaceFile))
                .or(() -> Optional.ofNullable(config.getNamespace()).filter(n -> !n.isBlank()))
                .orElseThrow(() -> new IllegalArgumentException(Setting.CONFIGMAP_NAMESPACE + " is not set and "
                        + "there is no namespace to default to: not in a pod (no " + podNamespaceFile + ") and the "
                        + "kubeconfig context names none; set " + Setting.CONFIGMAP_NAMESPACE + " to the "
                        + "ConfigMap's namespace"));
    }

    private static Optional<String> podNamespace(Path file) {
        try {
            return Files.isReadable(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
                    .filter(n -> !n.isEmpty()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
