package io.syswire.fleet;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code syswire fleet replay --master spark://127.0.0.1:PORT} against a real Spark standalone
 * cluster: a Master and a Worker started from the Spark jars Maven brought (the module's
 * target/spark-home) as processes of their own, the job run by its job jar in a JVM of its own,
 * its tasks in the Worker's executor. The result equals syswire replay of each host's case.
 */
class FleetClusterIT {
    static final Path SPARK_HOME = Path.of(System.getProperty("syswire.fleet.sparkHome"));
    static final Path JOB_JAR = Path.of(System.getProperty("syswire.fleet.jar"));
    static final List<String> JAVA_OPTIONS = List.of(System.getProperty("syswire.fleet.javaOptions").split(" "));

    @TempDir
    static Path dir;
    static final List<Process> cluster = new ArrayList<>();
    static String master;

    @BeforeAll
    static void startACluster() throws Exception {
        int port = freePort();
        master = "spark://127.0.0.1:" + port;
        cluster.add(daemon("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--webui-port", String.valueOf(freePort())));
        waitFor(dir.resolve("master.log"), "I have been elected leader", 60);
        cluster.add(daemon("worker", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                "--memory", "1g", "--webui-port", String.valueOf(freePort()), "--work-dir", dir.resolve("work").toString(), master));
        waitFor(dir.resolve("master.log"), "Registering worker", 60);
    }

    @AfterAll
    static void stopTheCluster() throws InterruptedException {
        for (Process p : cluster) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void theJobRunsOnTheClusterAndAgreesWithSyswireReplay() throws Exception {
        // two hosts keep it short: a captured sample and a generated many-process log
        Map<String, Path> cases = Fleet.hosts(dir, 200, "web-1", "edge-9");
        Path lake = dir.resolve("lake");
        Fleet.replayedAndExported(cases, lake);
        Path out = dir.resolve("out");

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(JAVA_OPTIONS);
        cmd.addAll(List.of("-cp", JOB_JAR + ":" + SPARK_HOME.resolve("jars") + "/*", "io.syswire.fleet.FleetMain",
                "replay", lake.toString(), "--maxtrace", "20", "-o", out.toString(), "--master", master));
        Process job = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("job.log").toFile()).start();
        assertTrue(job.waitFor(180, TimeUnit.SECONDS), "the job finishes");
        String log = Files.readString(dir.resolve("job.log"));
        assertEquals(0, job.exitValue(), log);
        assertTrue(log.contains("2 replays") && log.contains("on " + master), log);
        assertTrue(Files.readString(dir.resolve("master.log")).contains("Registering app syswire fleet replay"),
                "the application ran on the cluster's master");
        try (var s = Files.walk(dir.resolve("work"))) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().equals("syswire-fleet.jar")), "the executor fetched the job jar");
        }

        SparkSession spark = Fleet.spark();
        try {
            for (String host : cases.keySet()) {
                Fleet.assertSameReplay(spark, lake, out, host);
            }
        } finally {
            spark.stop();
        }
    }

    private static Process daemon(String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(JAVA_OPTIONS);
        cmd.addAll(List.of("-Xmx512m", "-cp", SPARK_HOME.resolve("jars") + "/*", mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", SPARK_HOME.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        return pb.start();
    }

    private static void waitFor(Path log, String text, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            for (Process p : cluster) {
                if (!p.isAlive()) {
                    throw new AssertionError("a cluster process ended:\n" + Files.readString(log));
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no '" + text + "' within " + seconds + " s:\n" + (Files.exists(log) ? Files.readString(log) : ""));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
