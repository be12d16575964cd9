package io.syswire.live.proc;

import java.nio.file.Path;
import java.util.List;

/**
 * Where container runtimes keep their on-disk metadata.
 *
 * @param docker           Docker's data root (holds containers/ID/config.v2.json)
 * @param containerdStates containerd state directories (hold io.containerd.runtime.v2.task/NAMESPACE/ID/config.json)
 * @param storage          containers/storage graph root of Podman and CRI-O
 * @param storageRun       containers/storage run root of Podman and CRI-O
 */
public record MetadataRoots(Path docker, List<Path> containerdStates, Path storage, Path storageRun) {

    public MetadataRoots {
        containerdStates = List.copyOf(containerdStates);
    }

    /** The runtimes' default places on this machine. */
    public static MetadataRoots defaults() {
        return under(Path.of("/"));
    }

    /** The default places, under {@code root} instead of / (a mounted host root, a test fixture). */
    public static MetadataRoots under(Path root) {
        return new MetadataRoots(root.resolve("var/lib/docker"),
                // k3s runs its own containerd with its own state directory
                List.of(root.resolve("run/containerd"), root.resolve("run/k3s/containerd")),
                root.resolve("var/lib/containers/storage"), root.resolve("run/containers/storage"));
    }
}
