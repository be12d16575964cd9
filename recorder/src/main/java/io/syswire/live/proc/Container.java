package io.syswire.live.proc;

/**
 * A container a process runs in: its full id, runtime, name (null when the runtime's
 * metadata does not say or cannot be read) and Kubernetes pod UID (null outside a pod).
 */
public record Container(String id, ContainerRuntime runtime, String name, String podUid) {
}
