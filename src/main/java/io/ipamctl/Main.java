package io.ipamctl;

import io.ipamctl.commands.Environment;
import io.ipamctl.commands.Ipamctl;
import io.ipamctl.output.Utf8Writer;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The process entry point: the only place that exits. */
public final class Main {

    private Main() {}

    /**
     * The types whose picocli built-in converters are not registered (picocli.converters.excludes): picocli
     * looks each up by reflection for every command it builds, and Class.forName initialises java.time's
     * formatters (measured: ~7 ms of CPU per start). No option has such a type without a converter of its
     * own (CommandTreeTest).
     */
    public static final String EXCLUDED_CONVERTERS = "java\\.sql\\..*,java\\.time\\..*";

    public static void main(String[] args) {
        configurePicocli();
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
        PrintWriter out = new PrintWriter(new Utf8Writer(System.out), false);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = Ipamctl.runCold(args, Environment.system(), out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** picocli's settings for a JVM that runs commands (this one, the build's class-data training). */
    static void configurePicocli() {
        // picocli otherwise looks up groovy.lang.Closure at its first command, which opens every jar of
        // the class path to not find it (measured: ~30 ms of CPU, all 62 jars opened on each start)
        System.setProperty("picocli.disable.closures", "true");
        System.setProperty("picocli.converters.excludes", EXCLUDED_CONVERTERS);
    }
}
