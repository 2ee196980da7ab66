package org.toolsetconfig.adapters.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** Creates the client the config source and its watcher need. */
public final class KubernetesClients {

    private KubernetesClients() {
    }

    /**
     * A client from in-cluster credentials or, outside a cluster, the kubeconfig (fabric8's usual
     * discovery), set up for {@link ConfigMapConfigSource} and {@link ConfigMapWatcher}.
     */
    public static KubernetesClient forConfigSource() {
        return forConfigSource(Config.autoConfigure(null));
    }

    /**
     * A client from {@code base} that leaves every watch reconnect to {@link ConfigMapWatcher}
     * (which re-lists first and reports the loss) and bounds a request so that a re-check never hangs
     * on an API server that does not answer.
     */
    public static KubernetesClient forConfigSource(Config base) {
        Config config = new ConfigBuilder(base)
                .withWatchReconnectLimit(0)
                .withConnectionTimeout(5_000)
                .withRequestTimeout(10_000)
                // A failed GET is the re-check's answer; the next trigger asks again.
                .withRequestRetryBackoffLimit(0)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
