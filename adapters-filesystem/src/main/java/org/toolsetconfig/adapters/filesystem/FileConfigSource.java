package org.toolsetconfig.adapters.filesystem;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.toolsetconfig.application.port.out.ConfigSource;
import org.toolsetconfig.application.port.out.SourceRead;
import org.toolsetconfig.domain.ReloadOutcome.ErrorKind;
import org.toolsetconfig.domain.RevisionStamp;

/**
 * Reads the configuration file through {@code java.nio.file}, so it works on any {@code FileSystem}
 * (Jimfs in tests, the real disk in production). Symlinks are followed, as a ConfigMap mount needs
 * ({@code toolsets.yaml -> ..data/toolsets.yaml}). At most {@code maxBytes + 1} bytes are ever read,
 * and a read that takes longer than a time bound is given up. Every expected problem comes back as
 * {@link SourceRead.Unavailable}; no exception escapes.
 */
public final class FileConfigSource implements ConfigSource {

    // A writer editing the file in place can be caught half-way; reading again when the stamp
    // moved during the read makes that rare. Atomic ConfigMap swaps never need it.
    private static final int MAX_ATTEMPTS = 3;
    /**
     * How long one open and read may take. The file is checked to be a regular file first, but a
     * swap can put a FIFO or a device at the path between the check and the open, and opening a
     * FIFO blocks until someone writes; a local 1 MiB read takes milliseconds.
     */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    // A read blocked on a FIFO cannot be interrupted; its thread ends when someone opens the FIFO's
    // other end. At most this many are kept; past that, reads are refused at once.
    private static final int MAX_BLOCKED_READS = 4;

    private final Path file;
    private final long maxBytes;
    private final Duration readTimeout;
    private final Runnable betweenCheckAndOpen;
    private final ThreadPoolExecutor readers;

    /**
     * A source reading {@code file}, refusing files larger than {@code maxBytes}
     * ({@code TOOLSET_CONFIG_MAX_BYTES}).
     */
    public FileConfigSource(Path file, long maxBytes) {
        this(file, maxBytes, READ_TIMEOUT, () -> { });
    }

    /** {@code betweenCheckAndOpen} lets a test swap the file inside the window a ConfigMap swap can hit. */
    FileConfigSource(Path file, long maxBytes, Duration readTimeout, Runnable betweenCheckAndOpen) {
        this.file = Objects.requireNonNull(file, "file");
        this.maxBytes = ConfigSource.requireMaxBytes(maxBytes);
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
        this.betweenCheckAndOpen = Objects.requireNonNull(betweenCheckAndOpen, "betweenCheckAndOpen");
        // No thread is kept while idle, so the source needs no stop.
        this.readers = new ThreadPoolExecutor(0, MAX_BLOCKED_READS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "config-file-read");
                    thread.setDaemon(true);
                    return thread;
                });
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
        betweenCheckAndOpen.run();
        byte[] bytes;
        try {
            bytes = readBounded();
        } catch (TimeoutException e) {
            return new Attempt(new SourceRead.Unavailable(ErrorKind.NOT_READABLE, "config file " + file
                    + " could not be opened and read within " + readTimeout.toMillis() + " ms: it may have been"
                    + " swapped for a FIFO (named pipe) or a device nothing writes to; point TOOLSET_CONFIG_PATH"
                    + " at a regular YAML file"), true);
        } catch (RejectedExecutionException e) {
            return new Attempt(new SourceRead.Unavailable(ErrorKind.NOT_READABLE, "config file " + file
                    + " cannot be read: " + MAX_BLOCKED_READS + " earlier reads of it are still blocked (a FIFO"
                    + " or a device?); point TOOLSET_CONFIG_PATH at a regular YAML file"), true);
        }
        if (bytes.length > maxBytes) {
            return new Attempt(tooLarge("more than " + maxBytes + " bytes"), true);
        }
        // What was opened is what the path names now, unless it changed during the read (then the
        // next attempt reads again): a device swapped in gets no further than here.
        BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
        if (!after.isRegularFile()) {
            return new Attempt(notAFile(after), true);
        }
        boolean stable = after.lastModifiedTime().equals(before.lastModifiedTime())
                && after.size() == bytes.length
                && Objects.equals(after.fileKey(), before.fileKey());
        RevisionStamp stamp = new RevisionStamp(before.lastModifiedTime().toInstant(), bytes.length);
        return new Attempt(new SourceRead.Content(bytes, stamp), stable);
    }

    /** Opens and reads on a reader thread, so a FIFO or a stuck device costs a bounded wait. */
    private byte[] readBounded() throws IOException, TimeoutException {
        Future<byte[]> read = readers.submit(() -> {
            try (InputStream in = Files.newInputStream(file)) {
                // Bounded: a file that grew after the stat still never makes us read more than maxBytes + 1.
                return in.readNBytes((int) maxBytes + 1);
            }
        });
        try {
            return read.get(readTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            read.cancel(true);
            throw e;
        } catch (InterruptedException e) {
            read.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
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
