package org.toolsetconfig.adapters.kubernetes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toolsetconfig.adapters.kubernetes.MockApi.LOCATION;
import static org.toolsetconfig.adapters.kubernetes.MockApi.config;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.out.SourceRead;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadOutcome.ErrorKind;

/** The live read of the ConfigMap against a real HTTP server that speaks the Kubernetes API. */
class ConfigMapSourceTest {

    private final MockApi api = new MockApi();
    private final ConfigMapConfigSource source = new ConfigMapConfigSource(api.client, LOCATION, 64);

    @AfterEach
    void close() {
        api.close();
    }

    private SourceRead.Unavailable unavailable(ErrorKind kind) {
        SourceRead read = source.read();
        SourceRead.Unavailable unavailable = assertInstanceOf(SourceRead.Unavailable.class, read, read::toString);
        assertEquals(kind, unavailable.kind(), unavailable::message);
        return unavailable;
    }

    @Test
    void readsTheKeysExactBytesAndStampsThemWithUidAndResourceVersion() {
        String yaml = "a: ünïcödé\n";
        ConfigMap created = api.put(yaml);

        SourceRead.Content content = assertInstanceOf(SourceRead.Content.class, source.read());

        assertArrayEquals(yaml.getBytes(StandardCharsets.UTF_8), content.bytes());
        assertEquals(content.bytes().length, content.revision().size());
        assertEquals(created.getMetadata().getUid() + "/" + created.getMetadata().getResourceVersion(),
                content.revision().version());
    }

    @Test
    void everyReadIsALiveGetThatSeesTheLatestVersion() {
        for (int version = 1; version <= 3; version++) {
            api.put("v: " + version + "\n");
            SourceRead.Content content = assertInstanceOf(SourceRead.Content.class, source.read());
            assertArrayEquals(("v: " + version + "\n").getBytes(StandardCharsets.UTF_8), content.bytes());
        }
    }

    @Test
    void binaryDataIsReadToo() {
        api.admin.configMaps().inNamespace(LOCATION.namespace()).resource(new ConfigMapBuilder().withNewMetadata()
                .withName(LOCATION.name()).endMetadata().addToBinaryData(LOCATION.key(), "YTogMQo=").build()).create();

        assertArrayEquals("a: 1\n".getBytes(StandardCharsets.UTF_8),
                assertInstanceOf(SourceRead.Content.class, source.read()).bytes());
    }

    @Test
    void aMissingConfigMapIsNotFoundAndNamesIt() {
        String message = unavailable(ErrorKind.NOT_FOUND).message();

        assertTrue(message.contains("ConfigMap toolsets/toolset-config does not exist"), message);
    }

    @Test
    void aMissingKeyIsNotFoundAndNamesTheKey() {
        api.admin.configMaps().inNamespace(LOCATION.namespace()).resource(new ConfigMapBuilder().withNewMetadata()
                .withName(LOCATION.name()).endMetadata().addToData("other.yaml", "a: 1\n").build()).create();

        String message = unavailable(ErrorKind.NOT_FOUND).message();

        assertTrue(message.contains("ConfigMap toolsets/toolset-config has no key 'toolsets.yaml'"), message);
    }

    @Test
    void contentOverTheLimitIsTooLarge() {
        api.put("#".repeat(65));

        assertTrue(unavailable(ErrorKind.TOO_LARGE).message().contains("TOOLSET_CONFIG_MAX_BYTES"));
    }

    @Test
    void aForbiddenReadNamesTheRbacRuleNeeded() {
        api.server.expect().get().withPath("/api/v1/namespaces/toolsets/configmaps/toolset-config")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                        .withMessage("configmaps \"toolset-config\" is forbidden").build())
                .once();

        String message = unavailable(ErrorKind.NOT_READABLE).message();

        assertTrue(message.contains("ConfigMap toolsets/toolset-config cannot be read"), message);
        assertTrue(message.contains("a Role in namespace toolsets allowing get, list and watch on configmaps with"
                + " resourceNames [toolset-config]"), message);
    }

    @Test
    void aStartupReadThatFailsKeepsTheServiceFromStartingAndSaysWhy() {
        ReloadOutcome.Error error = assertInstanceOf(ReloadOutcome.Error.class, api.core().reloads().startup());

        assertEquals(ErrorKind.NOT_FOUND, error.kind());
        assertTrue(error.message().contains("ConfigMap toolsets/toolset-config does not exist"), error.message());
    }

    @Test
    void anUnreachableApiServerIsNotReadableAndSaysSo() {
        api.server.destroy();

        String message = unavailable(ErrorKind.NOT_READABLE).message();

        assertTrue(message.contains("ConfigMap toolsets/toolset-config cannot be read"), message);
        assertTrue(message.contains("API server is reachable"), message);
    }
}
