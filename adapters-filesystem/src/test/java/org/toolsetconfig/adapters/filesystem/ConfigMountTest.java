package org.toolsetconfig.adapters.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.adapters.filesystem.testing.ConfigMapVolume;

/** DESIGN.md §6: a subPath mount in a pod, which kubelet never updates, is pointed out at start. */
class ConfigMountTest {

    @TempDir
    Path disk;
    private FileSystem jimfs;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ConfigMount.class);

    @BeforeEach
    void setUp() {
        jimfs = Medium.jimfs(10);
        log.start();
        logger.addAppender(log);
        logger.setAdditive(false); // asserted here, not printed
    }

    @AfterEach
    void tearDown() throws IOException {
        logger.detachAppender(log);
        logger.setAdditive(true);
        jimfs.close();
    }

    @Test
    void inAPodAPlainFileWithoutDataDirectoryWarnsAboutSubPath() throws IOException {
        Files.createDirectories(jimfs.getPath(ConfigMount.SERVICE_ACCOUNT_DIRECTORY));
        Path file = Files.writeString(Medium.JIMFS.directory(jimfs, disk).resolve(WatchedConfig.KEY),
                WatchedConfig.config(1));

        assertTrue(ConfigMount.warnIfSubPath(file));

        assertEquals(1, log.list.size());
        ILoggingEvent warning = log.list.get(0);
        assertEquals("configmap_subpath_mount_detected", warning.getFormattedMessage());
        assertEquals(Level.WARN, warning.getLevel());
        assertTrue(warning.getKeyValuePairs().stream().anyMatch(kv -> kv.key.equals("path")
                && kv.value.toString().equals(file.toAbsolutePath().toString())), warning.getKeyValuePairs()::toString);
    }

    @Test
    void outsideAPodAPlainFileIsALocalFileThatHotReloadsAndDoesNotWarn() throws IOException {
        Path file = Files.writeString(Medium.JIMFS.directory(jimfs, disk).resolve(WatchedConfig.KEY),
                WatchedConfig.config(1));

        assertFalse(ConfigMount.warnIfSubPath(file));
        assertEquals(0, log.list.size());
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void aConfigMapMountOrAMissingFileDoesNotWarn(Medium medium) throws IOException {
        Files.createDirectories(jimfs.getPath(ConfigMount.SERVICE_ACCOUNT_DIRECTORY)); // in a pod, on Jimfs
        Path directory = medium.directory(jimfs, disk);
        ConfigMapVolume volume = ConfigMapVolume.mount(directory.resolve("volume"), WatchedConfig.KEY,
                WatchedConfig.config(1));

        assertFalse(ConfigMount.warnIfSubPath(volume.file(WatchedConfig.KEY)));
        assertFalse(ConfigMount.warnIfSubPath(directory.resolve("absent.yaml")));
        assertEquals(0, log.list.size());
    }
}
