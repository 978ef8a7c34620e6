package io.ipamctl;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;

import io.ipamctl.commands.Environment;
import io.ipamctl.commands.Ipamctl;

/**
 * The build runs this once with -XX:ArchiveClassesAtExit so the class-data sharing archive holds
 * the classes that real commands load (picocli model, fabric8 client, Jackson, the views).
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    public static void main(String[] args) throws java.io.IOException {
        System.setProperty("picocli.disable.closures", "true"); // as Main does
        Path state = Path.of(args[0]);
        Environment env = new Environment(Map.of("HOME", state.toString()), false, state);
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        // the sandbox runs in this JVM, so the commands below connect to it as they connect to any sandbox
        try (var sandbox = io.ipamctl.sandbox.SandboxServer.start(new io.ipamctl.sandbox.SandboxServer.Options(state, true,
                java.time.Duration.ZERO, Map.of("HOME", state.toString())))) {
            train(env, sink);
        }
    }

    private static void train(Environment env, PrintWriter sink) {
        String[][] runs = {
            {"--version"}, {"--help"}, {"pool", "usage", "--help"},
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
}
