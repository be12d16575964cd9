package io.syswire.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and keeps what it printed. */
record Cli(int status, String out, String err) {
    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(status, out.toString(), err.toString());
    }

    /**
     * Runs a command that reports "recording into" on stderr once it has started, runs
     * {@code whileRunning} at that moment, and returns when the command ends.
     */
    static Cli runWhile(Runnable whileRunning, String... args) throws InterruptedException {
        StringWriter out = new StringWriter();
        StringBuffer err = new StringBuffer();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.io.Writer errWriter = new java.io.Writer() {
            @Override
            public void write(char[] c, int off, int len) {
                err.append(c, off, len);
                if (err.indexOf("recording into") >= 0) {
                    started.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        int[] status = {-1};
        Thread t = new Thread(() -> status[0] = Main.run(args, new PrintWriter(out, true), new PrintWriter(errWriter, true)));
        t.start();
        if (started.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
            whileRunning.run();
        }
        t.join();
        return new Cli(status[0], out.toString(), err.toString());
    }

    boolean oneLineError() {
        return err.endsWith("\n") && err.indexOf('\n') == err.length() - 1 && !err.contains("\tat ") && !err.contains("Exception");
    }
}
