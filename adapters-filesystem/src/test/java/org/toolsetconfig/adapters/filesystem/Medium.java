package org.toolsetconfig.adapters.filesystem;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import com.google.common.jimfs.WatchServiceConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Where a test's files live: Jimfs (its WatchService polling every 10 ms) or the real disk (inotify). */
enum Medium {
    JIMFS,
    DISK;

    /** A fresh in-memory Unix file system whose WatchService polls every {@code pollMillis}. */
    static FileSystem jimfs(long pollMillis) {
        return Jimfs.newFileSystem(Configuration.unix().toBuilder()
                .setWatchServiceConfiguration(WatchServiceConfiguration.polling(pollMillis, TimeUnit.MILLISECONDS))
                .build());
    }

    /** A directory for the test on this medium: under {@code jimfs}, or {@code disk} itself. */
    Path directory(FileSystem jimfs, Path disk) {
        try {
            return this == JIMFS ? Files.createDirectories(jimfs.getPath("/etc/kubernaut/toolsets")) : disk;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
