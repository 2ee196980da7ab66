package org.toolsetconfig.adapters.filesystem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.out.ConfigSource;
import org.toolsetconfig.application.port.out.SourceRead;
import org.toolsetconfig.domain.ReloadOutcome.ErrorKind;

/**
 * What every {@link ConfigSource} promises the reloader, run against the in-memory fake the
 * application's tests use and against {@link FileConfigSource} on Jimfs and on the real disk.
 */
abstract class AbstractConfigSourceContractTest {

    /** The size limit every source under test is created with. */
    static final int LIMIT = 1024;

    /** The configuration file in the medium under test, and the source reading it. */
    interface ConfigFile {
        ConfigSource source();

        void write(String content) throws Exception;

        void delete() throws Exception;

        void replaceWithDirectory() throws Exception;
    }

    /** A fresh file (its content unspecified until written) and a source limited to {@link #LIMIT} bytes. */
    protected abstract ConfigFile createFile() throws Exception;

    private ConfigFile file;

    @BeforeEach
    void createTheFile() throws Exception {
        file = createFile();
    }

    private SourceRead.Content content() {
        SourceRead read = file.source().read();
        return assertInstanceOf(SourceRead.Content.class, read, read::toString);
    }

    private SourceRead.Unavailable unavailable(ErrorKind kind) {
        SourceRead read = file.source().read();
        SourceRead.Unavailable unavailable = assertInstanceOf(SourceRead.Unavailable.class, read, read::toString);
        assertEquals(kind, unavailable.kind(), unavailable::message);
        assertFalse(unavailable.message().isBlank());
        return unavailable;
    }

    @Test
    void returnsTheExactBytesAndTheirSize() throws Exception {
        String yaml = "toolsets:\n  kubernetes/core:\n    enabled: true # ünïcödé\n";
        file.write(yaml);

        SourceRead.Content content = content();

        assertArrayEquals(yaml.getBytes(StandardCharsets.UTF_8), content.bytes());
        assertEquals(content.bytes().length, content.revision().size());
    }

    @Test
    void seesEachNewVersion() throws Exception {
        for (int version = 1; version <= 3; version++) {
            file.write("version: " + version + "\n");
            assertArrayEquals(("version: " + version + "\n").getBytes(StandardCharsets.UTF_8), content().bytes());
        }
    }

    @Test
    void anEmptyFileIsEmptyContent() throws Exception {
        file.write("");

        assertEquals(0, content().bytes().length);
    }

    @Test
    void aFileExactlyAtTheLimitIsRead() throws Exception {
        file.write("#".repeat(LIMIT));

        assertEquals(LIMIT, content().bytes().length);
    }

    @Test
    void aFileOverTheLimitIsTooLarge() throws Exception {
        file.write("#".repeat(LIMIT + 1));

        unavailable(ErrorKind.TOO_LARGE);
    }

    @Test
    void aMissingFileIsNotFound() throws Exception {
        file.write("a: 1\n");
        file.delete();

        unavailable(ErrorKind.NOT_FOUND);
    }

    @Test
    void aDirectoryInPlaceOfTheFileIsNotAFile() throws Exception {
        file.replaceWithDirectory();

        unavailable(ErrorKind.NOT_A_FILE);
    }

    @Test
    void aFileThatComesBackIsReadAgain() throws Exception {
        file.write("a: 1\n");
        file.delete();
        unavailable(ErrorKind.NOT_FOUND);

        file.write("a: 2\n");

        assertArrayEquals("a: 2\n".getBytes(StandardCharsets.UTF_8), content().bytes());
    }
}
