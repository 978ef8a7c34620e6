package io.ipamctl;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import io.ipamctl.commands.Environment;
import io.ipamctl.commands.Ipamctl;

/** The process entry point: the only place that exits. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            // Windows consoles learn ANSI colour and cursor sequences through jansi (which strips them
            // where they cannot be shown); elsewhere jansi is not even loaded
            org.fusesource.jansi.AnsiConsole.systemInstall();
        }
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = Ipamctl.run(args, Environment.system(), out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
