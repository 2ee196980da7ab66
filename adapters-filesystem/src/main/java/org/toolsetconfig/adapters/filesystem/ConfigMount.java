package org.toolsetconfig.adapters.filesystem;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the mount of the configuration file tells about how updates will arrive (DESIGN.md §6). */
public final class ConfigMount {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigMount.class);

    private ConfigMount() {
    }

    /**
     * Where kubelet mounts the pod's ServiceAccount token: present in every pod unless the pod sets
     * {@code automountServiceAccountToken: false}, absent on a workstation.
     */
    static final String SERVICE_ACCOUNT_DIRECTORY = "/var/run/secrets/kubernetes.io/serviceaccount";

    /**
     * Warns, once per call, when {@code configFile} looks like a Kubernetes {@code subPath} mount,
     * which kubelet never updates: the process runs in a pod (the ServiceAccount directory exists on
     * the file's file system) and the file is a plain file (not a symlink) with no {@code ..data}
     * beside it. A plain file outside a pod is a local file that hot-reloads fine: no warning.
     * Call it once at start; returns whether it warned.
     */
    public static boolean warnIfSubPath(Path configFile) {
        Path file = configFile.toAbsolutePath();
        Path directory = file.getParent();
        boolean inPod = Files.isDirectory(file.getFileSystem().getPath(SERVICE_ACCOUNT_DIRECTORY));
        boolean plainFile = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
        boolean projected = directory != null && Files.exists(directory.resolve("..data"), LinkOption.NOFOLLOW_LINKS);
        if (!inPod || !plainFile || projected) {
            return false;
        }
        LOG.atWarn().setMessage("configmap_subpath_mount_detected").addKeyValue("path", file)
                .addKeyValue("hint", "in a pod, the file is a plain file with no ..data beside it, as with a Kubernetes "
                        + "subPath mount, which kubelet never updates: ConfigMap changes arrive only through a "
                        + "restart unless the file is edited in place; mount the ConfigMap as a directory")
                .log();
        return true;
    }
}
