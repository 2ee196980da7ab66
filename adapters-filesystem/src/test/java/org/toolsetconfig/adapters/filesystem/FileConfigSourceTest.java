package org.toolsetconfig.adapters.filesystem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.toolsetconfig.adapters.filesystem.testing.ConfigMapVolume;
import org.toolsetconfig.application.port.out.SourceRead;
import org.toolsetconfig.domain.ReloadOutcome.ErrorKind;

/** What the file source adds to the contract: symlinks, stamps, and messages that say how to fix. */
class FileConfigSourceTest {

    private static final long LIMIT = 4096;

    @TempDir
    Path disk;
    private FileSystem jimfs;

    @BeforeEach
    void openJimfs() {
        jimfs = Medium.jimfs(10);
    }

    @AfterEach
    void closeJimfs() throws IOException {
        jimfs.close();
    }

    private static SourceRead.Unavailable unavailable(SourceRead read, ErrorKind kind) {
        SourceRead.Unavailable unavailable = assertInstanceOf(SourceRead.Unavailable.class, read, read::toString);
        assertEquals(kind, unavailable.kind(), unavailable::message);
        return unavailable;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void readsThroughTheConfigMapSymlinksAndSeesEachAtomicUpdate(Medium medium) {
        ConfigMapVolume volume = ConfigMapVolume.mount(medium.directory(jimfs, disk), "toolsets.yaml", "v: 1\n");
        FileConfigSource source = new FileConfigSource(volume.file("toolsets.yaml"), LIMIT);

        assertArrayEquals(utf8("v: 1\n"), assertInstanceOf(SourceRead.Content.class, source.read()).bytes());
        volume.update("toolsets.yaml", "v: 2\n");
        assertArrayEquals(utf8("v: 2\n"), assertInstanceOf(SourceRead.Content.class, source.read()).bytes());
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void reportsTheModificationTimeAndSize(Medium medium) throws IOException {
        Path file = medium.directory(jimfs, disk).resolve("toolsets.yaml");
        Files.write(file, utf8("a: 1\n"));
        Instant mtime = Instant.parse("2026-03-04T05:06:07Z");
        Files.setLastModifiedTime(file, FileTime.from(mtime));

        SourceRead.Content content = assertInstanceOf(SourceRead.Content.class, new FileConfigSource(file, LIMIT).read());

        assertEquals(mtime, content.revision().modifiedAt());
        assertEquals(5, content.revision().size());
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void aMissingFileNamesThePathAndTheSetting(Medium medium) {
        Path file = medium.directory(jimfs, disk).resolve("toolsets.yaml");

        String message = unavailable(new FileConfigSource(file, LIMIT).read(), ErrorKind.NOT_FOUND).message();

        assertTrue(message.contains(file.toString()), message);
        assertTrue(message.contains("TOOLSET_CONFIG_PATH"), message);
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void aBrokenSymlinkIsNotFoundAndSaysSo(Medium medium) throws IOException {
        Path directory = medium.directory(jimfs, disk);
        Path file = Files.createSymbolicLink(directory.resolve("toolsets.yaml"), directory.getFileSystem()
                .getPath("..data", "toolsets.yaml"));

        String message = unavailable(new FileConfigSource(file, LIMIT).read(), ErrorKind.NOT_FOUND).message();

        assertTrue(message.contains("symbolic link"), message);
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void aSymlinkLoopIsNotReadable(Medium medium) throws IOException {
        Path directory = medium.directory(jimfs, disk);
        Files.createSymbolicLink(directory.resolve("a"), directory.getFileSystem().getPath("b"));
        Files.createSymbolicLink(directory.resolve("b"), directory.getFileSystem().getPath("a"));

        String message = unavailable(new FileConfigSource(directory.resolve("a"), LIMIT).read(),
                ErrorKind.NOT_READABLE).message();

        assertTrue(message.contains("loop"), message);
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void aPathThroughAFileIsNotFound(Medium medium) throws IOException {
        Path directory = medium.directory(jimfs, disk);
        Files.write(directory.resolve("plain"), utf8("x"));

        unavailable(new FileConfigSource(directory.resolve("plain").resolve("toolsets.yaml"), LIMIT).read(),
                ErrorKind.NOT_FOUND);
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void aDirectorySaysWhereTheFileShouldBe(Medium medium) {
        Path directory = medium.directory(jimfs, disk);

        String message = unavailable(new FileConfigSource(directory, LIMIT).read(), ErrorKind.NOT_A_FILE).message();

        assertTrue(message.contains("is a directory"), message);
        assertTrue(message.contains(directory.resolve("toolsets.yaml").toString()), message);
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void tooLargeNamesTheLimitAndTheSetting(Medium medium) throws IOException {
        Path file = medium.directory(jimfs, disk).resolve("toolsets.yaml");
        Files.write(file, new byte[(int) LIMIT + 1]);

        String message = unavailable(new FileConfigSource(file, LIMIT).read(), ErrorKind.TOO_LARGE).message();

        assertTrue(message.contains("4096 bytes"), message);
        assertTrue(message.contains("TOOLSET_CONFIG_MAX_BYTES"), message);
    }

    @Test
    void aDeviceIsNotAFileAndIsNeverRead() throws IOException {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "needs /dev/zero");
        Path file = Files.createSymbolicLink(disk.resolve("toolsets.yaml"), zero);

        try {
            unavailable(new FileConfigSource(file, LIMIT).read(), ErrorKind.NOT_A_FILE);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void refusesAnImpossibleLimit() {
        Path file = disk.resolve("toolsets.yaml");

        assertThrows(IllegalArgumentException.class, () -> new FileConfigSource(file, 0));
        assertThrows(IllegalArgumentException.class, () -> new FileConfigSource(file, Integer.MAX_VALUE));
    }
}
