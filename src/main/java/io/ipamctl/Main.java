package io.ipamctl;

import io.ipamctl.commands.Environment;
import io.ipamctl.commands.Ipamctl;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The process entry point: the only place that exits. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        // picocli otherwise looks up groovy.lang.Closure at its first command, which opens every jar of
        // the class path to not find it (measured: ~30 ms of CPU, all 62 jars opened on each start)
        System.setProperty("picocli.disable.closures", "true");
        // fabric8 puts the kubeconfig's client key into an in-memory PKCS12 keystore that is never
        // written anywhere; the JDK's default 10000 PBE iterations to protect it cost ~100 ms of CPU
        // per start (measured with JFR: 20% of `pool usage` samples were PBKDF2 in CertUtils/SSLUtils)
        System.setProperty("keystore.pkcs12.keyPbeIterationCount", "1");
        System.setProperty("keystore.pkcs12.macIterationCount", "1");
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            // Windows consoles learn ANSI colour and cursor sequences through jansi (which strips them
            // where they cannot be shown); elsewhere jansi is not even loaded
            org.fusesource.jansi.AnsiConsole.systemInstall();
        }
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = Ipamctl.runCold(args, Environment.system(), out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
