package org.toolsetconfig.adapters.filesystem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.toolsetconfig.application.port.out.ConfigSource;
import org.toolsetconfig.application.port.out.SourceRead;
import org.toolsetconfig.domain.ReloadOutcome.ErrorKind;
import org.toolsetconfig.domain.RevisionStamp;

/**
 * Reads the configuration file through {@code java.nio.file}, so it works on any {@code FileSystem}
 * (Jimfs in tests, the real disk in production). Symlinks are followed, as a ConfigMap mount needs
 * ({@code toolsets.yaml -> ..data/toolsets.yaml}). At most {@code maxBytes + 1} bytes are ever read.
 * Every expected problem comes back as {@link SourceRead.Unavailable}; no exception escapes.
 */
public final class FileConfigSource implements ConfigSource {

    // A writer editing the file in place can be caught half-way; reading again when the stamp
    // moved during the read makes that rare. Atomic ConfigMap swaps never need it.
    private static final int MAX_ATTEMPTS = 3;

    private final Path file;
    private final long maxBytes;

    /**
     * A source reading {@code file}, refusing files larger than {@code maxBytes}
     * ({@code TOOLSET_CONFIG_MAX_BYTES}).
     */
    public FileConfigSource(Path file, long maxBytes) {
        this.file = Objects.requireNonNull(file, "file");
        if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxBytes must be between 1 and " + (Integer.MAX_VALUE - 16)
                    + ", was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The path this source reads. */
    public Path file() {
        return file;
    }

    @Override
    public SourceRead read() {
        try {
            Attempt attempt = readOnce();
            for (int tries = 1; tries < MAX_ATTEMPTS && !attempt.stable(); tries++) {
                attempt = readOnce();
            }
            return attempt.read();
        } catch (NoSuchFileException e) {
            return missing();
        } catch (AccessDeniedException e) {
            return new SourceRead.Unavailable(ErrorKind.NOT_READABLE, "config file " + file
                    + " cannot be read: permission denied; make it readable by the service's user"
                    + " (for a ConfigMap volume, check defaultMode)");
        } catch (NotDirectoryException e) {
            return notADirectoryOnThePath();
        } catch (FileSystemLoopException e) {
            return symlinkLoop();
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            // The JDK reports ENOTDIR and ELOOP as plain FileSystemExceptions with the OS's reason.
            if (reason.contains("Not a directory")) {
                return notADirectoryOnThePath();
            }
            if (reason.contains("levels of symbolic links")) {
                return symlinkLoop();
            }
            return new SourceRead.Unavailable(ErrorKind.NOT_READABLE, "config file " + file + " cannot be read: "
                    + reason + "; check the file and the volume it is on");
        }
    }

    /** One read; not {@code stable} when the file changed under it (another attempt may do better). */
    private record Attempt(SourceRead read, boolean stable) {
    }

    private Attempt readOnce() throws IOException {
        BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
        if (!before.isRegularFile()) {
            // Never open a FIFO or a device: reading one could block the reloader for ever.
            return new Attempt(notAFile(before), true);
        }
        if (before.size() > maxBytes) {
            return new Attempt(tooLarge(before.size() + " bytes"), true);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Bounded: a file that grew after the stat still never makes us read more than maxBytes + 1.
            bytes = in.readNBytes((int) maxBytes + 1);
        }
        if (bytes.length > maxBytes) {
            return new Attempt(tooLarge("more than " + maxBytes + " bytes"), true);
        }
        BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
        boolean stable = after.lastModifiedTime().equals(before.lastModifiedTime())
                && after.size() == bytes.length
                && Objects.equals(after.fileKey(), before.fileKey());
        RevisionStamp stamp = new RevisionStamp(before.lastModifiedTime().toInstant(), bytes.length);
        return new Attempt(new SourceRead.Content(bytes, stamp), stable);
    }

    private SourceRead notADirectoryOnThePath() {
        return new SourceRead.Unavailable(ErrorKind.NOT_FOUND, "config file " + file + " does not exist: "
                + "a part of its path is a file, not a directory; check TOOLSET_CONFIG_PATH");
    }

    private SourceRead symlinkLoop() {
        return new SourceRead.Unavailable(ErrorKind.NOT_READABLE, "config file " + file
                + " cannot be read: its symbolic links form a loop; fix the links");
    }

    private SourceRead missing() {
        String hint = Files.isSymbolicLink(file)
                ? " (it is a symbolic link to a target that is gone; for a ConfigMap mount, check that the"
                + " ConfigMap still has this key)"
                : " (check TOOLSET_CONFIG_PATH and that the ConfigMap volume is mounted there)";
        return new SourceRead.Unavailable(ErrorKind.NOT_FOUND, "config file " + file + " does not exist" + hint);
    }

    private SourceRead notAFile(BasicFileAttributes attributes) {
        String what = attributes.isDirectory() ? "a directory" : "not a regular file";
        String fix = attributes.isDirectory()
                ? "; point TOOLSET_CONFIG_PATH at the file inside it, such as " + file.resolve("toolsets.yaml")
                : "; point TOOLSET_CONFIG_PATH at a regular YAML file";
        return new SourceRead.Unavailable(ErrorKind.NOT_A_FILE, "config path " + file + " is " + what + fix);
    }

    private SourceRead tooLarge(String size) {
        return new SourceRead.Unavailable(ErrorKind.TOO_LARGE, "config file " + file + " is " + size
                + ", over the limit of " + maxBytes
                + " bytes (TOOLSET_CONFIG_MAX_BYTES); shrink the file or raise the limit");
    }
}
