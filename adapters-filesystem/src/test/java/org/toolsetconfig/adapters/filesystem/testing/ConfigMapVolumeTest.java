package org.toolsetconfig.adapters.filesystem.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The helper lays a volume out as kubelet does, on Jimfs and on the real disk. */
class ConfigMapVolumeTest {

    @TempDir
    Path disk;
    private final FileSystem jimfs = Jimfs.newFileSystem(Configuration.unix());

    @AfterEach
    void closeJimfs() throws IOException {
        jimfs.close();
    }

    private Path directory(boolean onDisk) {
        return onDisk ? disk.resolve("volume") : jimfs.getPath("/etc/kubernaut/toolsets");
    }

    private static List<String> entries(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void mountsWithTheDataSymlinkAndAVisibleSymlinkPerKey(boolean onDisk) throws IOException {
        ConfigMapVolume volume = ConfigMapVolume.mount(directory(onDisk), "toolsets.yaml", "v: 1\n");
        Path directory = volume.directory();

        Path data = directory.resolve(ConfigMapVolume.DATA);
        Path visible = volume.file("toolsets.yaml");
        assertTrue(Files.isSymbolicLink(data));
        assertTrue(Files.readSymbolicLink(data).toString().matches("\\.\\.\\d{4}_\\d{2}_\\d{2}_\\d{2}_\\d{2}_\\d{2}\\.\\d+"),
                Files.readSymbolicLink(data)::toString);
        assertTrue(Files.isSymbolicLink(visible));
        assertEquals(directory.getFileSystem().getPath("..data", "toolsets.yaml"), Files.readSymbolicLink(visible));
        assertEquals("v: 1\n", read(visible));
        assertEquals(3, entries(directory).size(), entries(directory)::toString);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anUpdateSwapsDataAndDeletesTheOldDirectory(boolean onDisk) throws IOException {
        ConfigMapVolume volume = ConfigMapVolume.mount(directory(onDisk), "toolsets.yaml", "v: 1\n");
        Path old = volume.currentDataDirectory().orElseThrow();

        volume.update("toolsets.yaml", "v: 2\n");

        Path current = volume.currentDataDirectory().orElseThrow();
        assertNotEquals(old, current);
        assertFalse(Files.exists(old, LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(volume.directory().resolve(ConfigMapVolume.DATA_TMP), LinkOption.NOFOLLOW_LINKS));
        assertEquals("v: 2\n", read(volume.file("toolsets.yaml")));
        assertEquals(Stream.of("..data", current.getFileName().toString(), "toolsets.yaml").sorted().toList(),
                entries(volume.directory()));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aKeyLeavingThePayloadLosesItsVisibleLinkAndAnEqualPayloadWritesNothing(boolean onDisk) throws IOException {
        ConfigMapVolume volume = ConfigMapVolume.mount(directory(onDisk), Map.of("toolsets.yaml", "v: 1\n"));

        volume.update(Map.of("other.yaml", "x: 1\n"));
        assertFalse(Files.exists(volume.file("toolsets.yaml"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("x: 1\n", read(volume.file("other.yaml")));

        Path before = volume.currentDataDirectory().orElseThrow();
        volume.update(Map.of("other.yaml", "x: 1\n"));
        assertEquals(before, volume.currentDataDirectory().orElseThrow());
    }
}
