package io.syswire.live.proc;

/**
 * What a cgroup path alone says about a container: its full id (64 hex digits), the runtime
 * that made the path, and the Kubernetes pod UID (dashed) when the path is under kubepods.
 */
public record CgroupContainer(String id, ContainerRuntime runtime, String podUid) {
}
