package io.syswire.live.proc;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.syswire.live.proc.ContainerRuntime.CONTAINERD;
import static io.syswire.live.proc.ContainerRuntime.CRIO;
import static io.syswire.live.proc.ContainerRuntime.DOCKER;
import static io.syswire.live.proc.ContainerRuntime.PODMAN;
import static io.syswire.live.proc.ContainerRuntime.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which container a /proc/PID/cgroup file names, one test per runtime and cgroup driver. */
class CgroupPathsTest {
    static final String ID = "9ec39b91f3d70e1beff50a308f77067065ea6be0d91a3378375056cd4422cf3d";
    static final String INNER = "4f797c539e6c745de61a93ca3ff892358ecbcaccd8414d5db545c38428142970";
    static final String POD = "74c13223-5a00-11e9-b385-42010a80018d";
    static final String POD_ = POD.replace('-', '_');

    static Optional<CgroupContainer> parse(String procCgroup) {
        return CgroupPaths.fromProcFile(procCgroup);
    }

    static Optional<CgroupContainer> container(String id, ContainerRuntime runtime, String podUid) {
        return Optional.of(new CgroupContainer(id, runtime, podUid));
    }

    // Docker

    @Test
    void dockerWithTheCgroupfsDriverOnCgroupV1() {
        assertEquals(container(ID, DOCKER, null), parse("""
                12:pids:/docker/%1$s
                11:hugetlb:/docker/%1$s
                4:memory:/docker/%1$s
                2:cpu,cpuacct:/docker/%1$s
                1:name=systemd:/docker/%1$s
                0::/system.slice/containerd.service
                """.formatted(ID)));
    }

    @Test
    void dockerWithTheSystemdDriverOnCgroupV1() {
        assertEquals(container(ID, DOCKER, null), parse("""
                10:devices:/system.slice/docker-%1$s.scope
                2:cpuacct,cpu:/system.slice/docker-%1$s.scope
                1:name=systemd:/system.slice/docker-%1$s.scope
                """.formatted(ID)));
    }

    @Test
    void dockerWithTheSystemdDriverOnCgroupV2() {
        assertEquals(container(ID, DOCKER, null), parse("0::/system.slice/docker-" + ID + ".scope\n"));
    }

    @Test
    void dockerWithTheCgroupfsDriverOnCgroupV2() {
        assertEquals(container(ID, DOCKER, null), parse("0::/docker/" + ID + "\n"));
    }

    @Test
    void aSubCgroupInsideAContainerStillNamesIt() {
        assertEquals(container(ID, DOCKER, null), parse("0::/system.slice/docker-" + ID + ".scope/system.slice/nginx.service\n"));
    }

    @Test
    void dockerInDockerNamesTheInnermostContainer() {
        assertEquals(container(INNER, DOCKER, null), parse("0::/docker/" + ID + "/docker/" + INNER + "\n"));
    }

    @Test
    void kubernetesWithDockershimAndTheSystemdDriver() {
        assertEquals(container(ID, DOCKER, POD), parse("0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod"
                + POD_ + ".slice/docker-" + ID + ".scope\n"));
    }

    // containerd

    @Test
    void kubernetesOnContainerdWithTheCgroupfsDriverOnCgroupV1() {
        assertEquals(container(ID, CONTAINERD, POD), parse("""
                11:devices:/kubepods/burstable/pod%1$s/%2$s
                4:memory:/kubepods/burstable/pod%1$s/%2$s
                1:name=systemd:/kubepods/burstable/pod%1$s/%2$s
                """.formatted(POD, ID)));
    }

    @Test
    void kubernetesOnContainerdWithTheSystemdDriverOnCgroupV2() {
        assertEquals(container(ID, CONTAINERD, POD), parse("0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod"
                + POD_ + ".slice/cri-containerd-" + ID + ".scope\n"));
    }

    @Test
    void aGuaranteedPodHasNoQosSlice() {
        assertEquals(container(ID, CONTAINERD, POD), parse("0::/kubepods.slice/kubepods-pod" + POD_
                + ".slice/cri-containerd-" + ID + ".scope\n"));
        assertEquals(container(ID, CONTAINERD, POD), parse("0::/kubepods/pod" + POD + "/" + ID + "\n"));
    }

    @Test
    void aStaticPodsUidIsItsConfigHash() {
        assertEquals(container(ID, CONTAINERD, "6a7d3f1b2c9e4f5a8b0c1d2e3f4a5b6c"), parse(
                "0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod6a7d3f1b2c9e4f5a8b0c1d2e3f4a5b6c.slice"
                        + "/cri-containerd-" + ID + ".scope\n"));
    }

    @Test
    void nerdctlWithTheSystemdDriver() {
        assertEquals(container(ID, CONTAINERD, null), parse("0::/system.slice/nerdctl-" + ID + ".scope\n"));
    }

    // CRI-O

    @Test
    void crioWithTheSystemdDriver() {
        assertEquals(container(ID, CRIO, POD), parse("0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod"
                + POD_ + ".slice/crio-" + ID + ".scope\n"));
        assertEquals(container(ID, CRIO, null), parse("0::/machine.slice/crio-" + ID + ".scope\n"));
    }

    @Test
    void crioWithTheCgroupfsDriver() {
        assertEquals(container(ID, CRIO, POD), parse("4:memory:/kubepods/besteffort/pod" + POD + "/crio-" + ID + "\n"));
    }

    @Test
    void crioConmonIsAHostProcessNotAContainer() {
        assertEquals(Optional.empty(), parse("0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod"
                + POD_ + ".slice/crio-conmon-" + ID + ".scope\n"));
    }

    // Podman

    @Test
    void podmanRootfulInMachineSlice() {
        assertEquals(container(ID, PODMAN, null), parse("0::/machine.slice/libpod-" + ID + ".scope\n"));
    }

    @Test
    void podmansOwnContainerSubCgroup() {
        assertEquals(container(ID, PODMAN, null), parse("0::/machine.slice/libpod-" + ID + ".scope/container\n"));
    }

    @Test
    void podmanRootlessInTheUsersSlice() {
        assertEquals(container(ID, PODMAN, null),
                parse("0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" + ID + ".scope\n"));
    }

    @Test
    void podmanWithTheCgroupfsDriverOnCgroupV1() {
        assertEquals(container(ID, PODMAN, null), parse("""
                4:memory:/libpod_parent/libpod-%1$s
                1:name=systemd:/libpod_parent/libpod-%1$s
                """.formatted(ID)));
    }

    @Test
    void podmanConmonIsAHostProcessNotAContainer() {
        assertEquals(Optional.empty(), parse("0::/machine.slice/libpod-conmon-" + ID + ".scope\n"));
    }

    // Neither

    @Test
    void aBareIdUnderACustomParentIsAContainerOfNoKnownRuntime() {
        assertEquals(container(ID, UNKNOWN, null), parse("0::/actions_job/" + ID + "\n"));
    }

    @Test
    void hostProcessesAreInNoContainer() {
        assertEquals(Optional.empty(), parse("0::/user.slice/user-1000.slice/session-3.scope\n"));
        assertEquals(Optional.empty(), parse("0::/\n"));
        assertEquals(Optional.empty(), parse("0::/system.slice/containerd.service\n"));
        assertEquals(Optional.empty(), parse("4:memory:/process_api/82a847eadd67f42fbffbc140ab453132\n0::/\n"));
        assertEquals(Optional.empty(), parse(""));
    }

    @Test
    void onHybridCgroupsTheFirstLineNamingAContainerWins() {
        assertEquals(container(ID, DOCKER, null), parse("0::/\n4:memory:/docker/" + ID + "\n1:name=systemd:/\n"));
    }

    @Test
    void upperCaseOrShortHexIsNotAContainerId() {
        assertEquals(Optional.empty(), parse("0::/docker/" + ID.toUpperCase() + "\n"));
        assertEquals(Optional.empty(), parse("0::/system.slice/docker-" + ID.substring(1) + ".scope\n"));
    }
}
