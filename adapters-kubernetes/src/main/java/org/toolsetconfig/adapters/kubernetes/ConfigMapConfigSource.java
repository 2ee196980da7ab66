package org.toolsetconfig.adapters.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.toolsetconfig.application.port.out.ConfigSource;
import org.toolsetconfig.application.port.out.SourceRead;
import org.toolsetconfig.domain.Printable;
import org.toolsetconfig.domain.ReloadOutcome.ErrorKind;
import org.toolsetconfig.domain.RevisionStamp;

/**
 * Reads the configuration from one key of a ConfigMap with a live GET to the API server on every
 * call, never from a cache: a forced re-check must see the fix an operator just applied, not what a
 * watch last delivered. The revision stamp carries the object's {@code uid/resourceVersion}. Every
 * expected problem (no such ConfigMap, no such key, refused, unreachable) comes back as
 * {@link SourceRead.Unavailable} naming the object; no exception escapes.
 */
public final class ConfigMapConfigSource implements ConfigSource {

    private static final int MAX_MESSAGE = 300;

    private final KubernetesClient client;
    private final ConfigMapLocation location;
    private final long maxBytes;

    /** A source reading {@code location} through {@code client}, refusing content over {@code maxBytes}. */
    public ConfigMapConfigSource(KubernetesClient client, ConfigMapLocation location, long maxBytes) {
        this.client = Objects.requireNonNull(client, "client");
        this.location = Objects.requireNonNull(location, "location");
        this.maxBytes = ConfigSource.requireMaxBytes(maxBytes);
    }

    @Override
    public SourceRead read() {
        ConfigMap configMap;
        try {
            configMap = client.configMaps().inNamespace(location.namespace()).withName(location.name()).get();
        } catch (KubernetesClientException e) {
            return refused(e);
        } catch (RuntimeException e) {
            return new SourceRead.Unavailable(ErrorKind.NOT_READABLE, location + " cannot be read: " + describe(e)
                    + "; check that the API server is reachable");
        }
        if (configMap == null) {
            return new SourceRead.Unavailable(ErrorKind.NOT_FOUND, location + " does not exist; create it with key '"
                    + location.key() + "' (or check TOOLSET_CONFIGMAP_NAMESPACE and TOOLSET_CONFIGMAP_NAME)");
        }
        Optional<byte[]> bytes = value(configMap);
        if (bytes.isEmpty()) {
            return new SourceRead.Unavailable(ErrorKind.NOT_FOUND, location + " has no key '" + location.key()
                    + "'; add it (or check TOOLSET_CONFIGMAP_KEY)");
        }
        if (bytes.get().length > maxBytes) {
            return new SourceRead.Unavailable(ErrorKind.TOO_LARGE, "key '" + location.key() + "' of " + location
                    + " is " + bytes.get().length + " bytes, over the limit of " + maxBytes
                    + " bytes (TOOLSET_CONFIG_MAX_BYTES); shrink it or raise the limit");
        }
        return new SourceRead.Content(bytes.get(), stamp(configMap.getMetadata(), bytes.get().length));
    }

    private Optional<byte[]> value(ConfigMap configMap) {
        if (configMap.getData() != null && configMap.getData().containsKey(location.key())) {
            String text = configMap.getData().get(location.key());
            return Optional.of(text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8));
        }
        if (configMap.getBinaryData() != null && configMap.getBinaryData().containsKey(location.key())) {
            String base64 = configMap.getBinaryData().get(location.key());
            return Optional.of(base64 == null ? new byte[0] : Base64.getDecoder().decode(base64));
        }
        return Optional.empty();
    }

    private SourceRead refused(KubernetesClientException e) {
        String fix = switch (e.getCode()) {
            case 401 -> "the API server did not accept the service's credentials; check the ServiceAccount token"
                    + " or the kubeconfig";
            case 403 -> "the API server refused access; grant " + location.rbacRule();
            default -> "check that the API server is reachable from the service";
        };
        return new SourceRead.Unavailable(ErrorKind.NOT_READABLE, location + " cannot be read: " + describe(e)
                + "; " + fix);
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // The API server's messages can be long (a whole Status); a reload message stays readable.
        return Printable.clip(message, MAX_MESSAGE);
    }

    // A ConfigMap has no modification time; the latest managed-fields write is the closest thing.
    private static RevisionStamp stamp(ObjectMeta meta, long size) {
        Instant modified = Optional.ofNullable(meta.getManagedFields()).orElseGet(java.util.List::of).stream()
                .map(ManagedFieldsEntry::getTime)
                .map(ConfigMapConfigSource::instant)
                .flatMap(Optional::stream)
                .max(Instant::compareTo)
                .or(() -> instant(meta.getCreationTimestamp()))
                .orElse(Instant.EPOCH);
        return new RevisionStamp(modified, size, meta.getUid() + "/" + meta.getResourceVersion());
    }

    private static Optional<Instant> instant(String timestamp) {
        if (timestamp == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(timestamp));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
