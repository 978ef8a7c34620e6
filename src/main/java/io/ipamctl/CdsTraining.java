package io.ipamctl;

import io.ipamctl.commands.Environment;
import io.ipamctl.commands.Ipamctl;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;

/**
 * The build runs this once with -XX:ArchiveClassesAtExit so the class-data sharing archive holds
 * the classes that real commands load (picocli model, fabric8 client, Jackson, the views), and those
 * of a command against a real cluster, which the sandbox (plain HTTP, no kubeconfig) does not load:
 * the kubeconfig's model and YAML, TLS with a client certificate. Trained on the sandbox alone, a
 * `pool usage` against the test cluster loaded ~1000 classes from jars and the JDK image at every start
 * (168 with them archived): 726 -> 652 ms of CPU, `ovs show --node` 772 -> 713 ms (bench/findings.md).
 */
public final class CdsTraining {

    private CdsTraining() {}

    // "try": the sandbox only has to run during the block, which never names it
    @SuppressWarnings("try")
    public static void main(String[] args) throws IOException {
        Main.configurePicocli();
        // read as Main reads it, so that its classes (CallerEnv, Console, the process environment's views) are
        // in the archive too; the runs below get an environment of their own
        Environment.system();
        Path state = Path.of(args[0]);
        Environment env = new Environment(Map.of("HOME", state.toString()), false, state);
        // the writer Main prints through, so its classes are in the archive too
        PrintWriter sink = new PrintWriter(new io.ipamctl.output.Utf8Writer(java.io.OutputStream.nullOutputStream()));
        // the sandbox runs in this JVM, so the commands below connect to it as they connect to any sandbox
        try (var sandbox = io.ipamctl.sandbox.SandboxServer.start(new io.ipamctl.sandbox.SandboxServer.Options(
                state, true, java.time.Duration.ZERO, Map.of("HOME", state.toString())))) {
            train(env, sink);
        }
        try {
            overTls(state.resolve("tls"), env, sink);
        } catch (IOException | GeneralSecurityException e) {
            System.err.println(
                    "cds training: no TLS run (" + e.getMessage() + "); the archive holds the sandbox's classes only");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void train(Environment env, PrintWriter sink) {
        String[][] runs = {
            {"--version"},
            {"--help"},
            {"pool", "usage", "--help"},
            {"--sandbox", "pool", "usage"},
            {"--sandbox", "pool", "usage", "-o", "json"},
            {"--sandbox", "pool", "list", "-o", "yaml"},
            {"--sandbox", "ns", "list"},
            {"--sandbox", "pool", "usage", "--allocations"},
        };
        for (String[] run : runs) {
            Ipamctl.run(run, env, sink, sink);
        }
    }

    /** pool usage through a kubeconfig with a CA and a client certificate, over TLS (keys made by keytool). */
    private static void overTls(Path dir, Environment env, PrintWriter sink)
            throws IOException, GeneralSecurityException, InterruptedException {
        Files.createDirectories(dir);
        LoopbackTlsServer.keyPair(dir, "server");
        LoopbackTlsServer.keyPair(dir, "client");
        try (LoopbackTlsServer server =
                new LoopbackTlsServer(dir.resolve("server.p12"), dir.resolve("client-trust.p12"))) {
            Path kubeconfig = dir.resolve("kubeconfig");
            Files.writeString(
                    kubeconfig,
                    LoopbackTlsServer.kubeconfig(
                            server.url(),
                            "certificate-authority-data: " + LoopbackTlsServer.caData(dir, "server"),
                            "client-certificate-data: " + LoopbackTlsServer.caData(dir, "client")
                                    + "\nclient-key-data: " + LoopbackTlsServer.keyData(dir, "client")));
            String kc = kubeconfig.toString();
            for (String[] run : new String[][] {
                {"--kubeconfig", kc, "pool", "usage", "--source", "antrea"},
                {"--kubeconfig", kc, "pool", "usage", "--source", "antrea", "-o", "json"},
            }) {
                java.io.StringWriter errors = new java.io.StringWriter();
                // as Main runs it: the early connection's classes and its requests sent ahead in the archive
                if (Ipamctl.runCold(run, env, sink, new PrintWriter(errors, true)) != 0) {
                    System.err.println("cds training: " + String.join(" ", run) + " failed: " + errors);
                }
            }
        }
    }
}
