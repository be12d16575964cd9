package io.syswire.live.proc;

/** Which container runtime a cgroup path points at. */
public enum ContainerRuntime {
    DOCKER,
    /** containerd, through Kubernetes CRI, nerdctl or ctr. */
    CONTAINERD,
    CRIO,
    PODMAN,
    /** A container id in a cgroup path that names no runtime (a bare id under a custom parent). */
    UNKNOWN
}
