package io.syswire.live.proc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static io.syswire.live.proc.ContainerRuntime.CONTAINERD;
import static io.syswire.live.proc.ContainerRuntime.CRIO;
import static io.syswire.live.proc.ContainerRuntime.DOCKER;
import static io.syswire.live.proc.ContainerRuntime.PODMAN;
import static io.syswire.live.proc.ContainerRuntime.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Container names from the runtimes' metadata on disk, laid out as the runtimes lay it out,
 * under a temporary root instead of /.
 */
class ContainerResolverTest {
    static final String A = "a1c0fc7e3be1a2b5b6b1d6e2e1d6f2c7a0e9b3c4d5e6f708192a3b4c5d6e7f80";
    static final String B = "b2d1fd8f4cf2b3c6c7c2e7f3f2e7a3d8b1fac4d5e6f708192a3b4c5d6e7f8091";
    static final String POD = "74c13223-5a00-11e9-b385-42010a80018d";

    @TempDir
    Path root;

    ContainerResolver resolver() {
        return new ContainerResolver(MetadataRoots.under(root));
    }

    Path write(String path, String content) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    static String ociSpec(String annotations) {
        return """
                {"ociVersion":"1.2.0","process":{"user":{"uid":0,"gid":0},"args":["/pause"],"cwd":"/"},
                 "root":{"path":"rootfs"},"hostname":"web-5d9c7b8f6-x2x9q",
                 "annotations":{%s},
                 "linux":{"cgroupsPath":"kubepods-burstable-pod74c13223_5a00_11e9_b385_42010a80018d.slice:cri-containerd:x"}}
                """.formatted(annotations);
    }

    @Test
    void dockerNamesComeFromConfigV2JsonWithoutTheLeadingSlash() throws IOException {
        write("var/lib/docker/containers/" + A + "/config.v2.json", """
                {"StreamConfig":{},"State":{"Running":true,"Pid":4242},"ID":"%s",
                 "Created":"2025-11-23T10:00:00.123456789Z","Path":"nginx","Args":["-g","daemon off;"],
                 "Config":{"Hostname":"a1c0fc7e3be1","Image":"nginx:1.27"},"Name":"/web","RestartCount":0,"Driver":"overlay2"}
                """.formatted(A));
        assertEquals(Optional.of(new Container(A, DOCKER, "web", null)),
                resolver().fromProcCgroup("0::/system.slice/docker-" + A + ".scope\n"));
    }

    @Test
    void kubernetesOnContainerdNamesComeFromTheRunningBundlesCriAnnotation() throws IOException {
        write("run/containerd/io.containerd.runtime.v2.task/moby/" + B + "/config.json", ociSpec(""));
        write("run/containerd/io.containerd.runtime.v2.task/k8s.io/" + A + "/config.json", ociSpec("""
                "io.kubernetes.cri.container-name":"nginx","io.kubernetes.cri.container-type":"container",
                "io.kubernetes.cri.sandbox-name":"web-5d9c7b8f6-x2x9q","io.kubernetes.cri.sandbox-namespace":"default",
                "io.kubernetes.cri.sandbox-uid":"74c13223-5a00-11e9-b385-42010a80018d\""""));
        assertEquals(Optional.of(new Container(A, CONTAINERD, "nginx", POD)),
                resolver().fromProcCgroup("0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod"
                        + POD.replace('-', '_') + ".slice/cri-containerd-" + A + ".scope\n"));
    }

    @Test
    void aPodSandboxHasNoContainerName() throws IOException {
        write("run/containerd/io.containerd.runtime.v2.task/k8s.io/" + A + "/config.json", ociSpec("""
                "io.kubernetes.cri.container-type":"sandbox","io.kubernetes.cri.sandbox-name":"web-5d9c7b8f6-x2x9q\""""));
        assertEquals(Optional.of(new Container(A, CONTAINERD, null, POD)),
                resolver().fromProcCgroup("0::/kubepods/burstable/pod" + POD + "/" + A + "\n"));
    }

    @Test
    void nerdctlNamesComeFromItsAnnotationInAnyNamespace() throws IOException {
        write("run/containerd/io.containerd.runtime.v2.task/default/" + A + "/config.json",
                ociSpec("\"nerdctl/name\":\"redis-1\",\"nerdctl/namespace\":\"default\""));
        assertEquals("redis-1", resolver().fromProcCgroup("0::/system.slice/nerdctl-" + A + ".scope\n").orElseThrow().name());
    }

    @Test
    void k3sKeepsItsContainerdStateElsewhere() throws IOException {
        write("run/k3s/containerd/io.containerd.runtime.v2.task/k8s.io/" + A + "/config.json",
                ociSpec("\"io.kubernetes.cri.container-name\":\"traefik\""));
        assertEquals("traefik", resolver().fromProcCgroup("0::/kubepods/besteffort/pod" + POD + "/" + A + "\n").orElseThrow().name());
    }

    @Test
    void crioNamesComeFromTheKubernetesAnnotationInUserdataConfigJson() throws IOException {
        write("run/containers/storage/overlay-containers/" + A + "/userdata/config.json", ociSpec("""
                "io.container.manager":"cri-o","io.kubernetes.container.name":"coredns",
                "io.kubernetes.pod.name":"coredns-76f75df574-abcde","io.kubernetes.pod.namespace":"kube-system",
                "io.kubernetes.pod.uid":"74c13223-5a00-11e9-b385-42010a80018d","io.kubernetes.cri-o.ContainerType":"container\""""));
        assertEquals(Optional.of(new Container(A, CRIO, "coredns", POD)),
                resolver().fromProcCgroup("0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod"
                        + POD.replace('-', '_') + ".slice/crio-" + A + ".scope\n"));
    }

    @Test
    void podmanNamesComeFromContainersStoragesIndex() throws IOException {
        write("var/lib/containers/storage/overlay-containers/containers.json", """
                [{"id":"%s","names":["db"],"image":"d7af31210b288164c319bae740ca1281528390a3c5cee657e95f243670b49e6a",
                  "layer":"67b0c66296f7957a0d82c8e48442ee0d7e3b3386dadde46cd8dadf3c90d40000",
                  "metadata":"{\\"image-name\\":\\"docker.io/library/postgres:16\\",\\"name\\":\\"db\\"}",
                  "created":"2025-11-23T10:00:00.0Z","flags":{"MountLabel":"","ProcessLabel":""}},
                 {"id":"%s","names":["cache"],"image":"d7af31210b288164c319bae740ca1281528390a3c5cee657e95f243670b49e6a",
                  "layer":"77b0c66296f7957a0d82c8e48442ee0d7e3b3386dadde46cd8dadf3c90d40000","created":"2025-11-23T10:00:01.0Z"}]
                """.formatted(B, A));
        assertEquals(Optional.of(new Container(A, PODMAN, "cache", null)),
                resolver().fromProcCgroup("0::/machine.slice/libpod-" + A + ".scope/container\n"));
    }

    @Test
    void podmanRunRmContainersAreInTheVolatileIndex() throws IOException {
        write("var/lib/containers/storage/overlay-containers/containers.json", "[]");
        write("var/lib/containers/storage/overlay-containers/volatile-containers.json",
                "[{\"id\":\"" + A + "\",\"names\":[\"throwaway\"],\"layer\":\"x\"}]");
        assertEquals("throwaway", resolver().fromProcCgroup("0::/machine.slice/libpod-" + A + ".scope\n").orElseThrow().name());
    }

    @Test
    void aBareIdIsLookedUpInEveryRuntimesMetadata() throws IOException {
        write("var/lib/docker/containers/" + A + "/config.v2.json", "{\"ID\":\"" + A + "\",\"Name\":\"/k8s_app_web_default_"
                + POD + "_0\"}");
        assertEquals(Optional.of(new Container(A, CONTAINERD, "k8s_app_web_default_" + POD + "_0", POD)),
                resolver().fromProcCgroup("4:memory:/kubepods/burstable/pod" + POD + "/" + A + "\n"),
                "dockershim with cgroupfs looks like containerd in the path; the name is still found");
        assertEquals("k8s_app_web_default_" + POD + "_0",
                resolver().fromProcCgroup("0::/actions_job/" + A + "\n").orElseThrow().name());
        assertEquals(UNKNOWN, resolver().fromProcCgroup("0::/actions_job/" + A + "\n").orElseThrow().runtime());
    }

    @Test
    void missingOrBrokenMetadataLeavesTheNameUnknownButTheContainerKnown() throws IOException {
        assertEquals(Optional.of(new Container(A, DOCKER, null, null)), resolver().fromProcCgroup("0::/docker/" + A + "\n"));
        write("var/lib/docker/containers/" + A + "/config.v2.json", "{\"ID\":\"" + A + "\",\"Na");
        assertEquals(Optional.of(new Container(A, DOCKER, null, null)), resolver().fromProcCgroup("0::/docker/" + A + "\n"));
    }

    @Test
    void aHostProcessIsInNoContainer() {
        assertEquals(Optional.empty(), resolver().fromProcCgroup("0::/user.slice/user-0.slice/session-1.scope\n"));
    }

    @Test
    void namesAreCachedPerContainerIdSoMetadataIsReadOnce() throws IOException {
        Path config = write("var/lib/docker/containers/" + A + "/config.v2.json", "{\"Name\":\"/web\"}");
        ContainerResolver r = resolver();
        assertEquals("web", r.fromProcCgroup("0::/docker/" + A + "\n").orElseThrow().name());
        Files.delete(config);
        assertEquals("web", r.fromProcCgroup("0::/system.slice/docker-" + A + ".scope\n").orElseThrow().name());
    }

    @Test
    void theCacheIsBoundedAndForgetsTheLeastRecentlyUsed() throws IOException {
        Path a = write("var/lib/docker/containers/" + A + "/config.v2.json", "{\"Name\":\"/a\"}");
        write("var/lib/docker/containers/" + B + "/config.v2.json", "{\"Name\":\"/b\"}");
        ContainerResolver r = new ContainerResolver(MetadataRoots.under(root), 1);
        assertEquals("a", r.fromProcCgroup("0::/docker/" + A + "\n").orElseThrow().name());
        assertEquals("b", r.fromProcCgroup("0::/docker/" + B + "\n").orElseThrow().name());
        Files.delete(a);
        assertEquals(null, r.fromProcCgroup("0::/docker/" + A + "\n").orElseThrow().name(), "A was evicted and read again");
    }

    @Test
    void theDefaultRootsAreTheRuntimesOwn() {
        MetadataRoots d = MetadataRoots.defaults();
        assertEquals(Path.of("/var/lib/docker"), d.docker());
        assertEquals(Path.of("/run/containerd"), d.containerdStates().get(0));
        assertEquals(Path.of("/var/lib/containers/storage"), d.storage());
        assertEquals(Path.of("/run/containers/storage"), d.storageRun());
    }
}
