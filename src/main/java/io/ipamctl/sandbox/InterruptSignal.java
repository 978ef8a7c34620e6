package io.ipamctl.sandbox;

/**
 * The sandbox process ignores SIGINT: Ctrl-C in the terminal of the command that started it is meant for
 * that command, not for the sandbox. Java has no public API for a signal's disposition, so this uses
 * {@code sun.misc.Signal} (module jdk.unsupported). javac warns about it as "internal proprietary API", a
 * warning no {@code @SuppressWarnings} silences; so this one class is compiled without -Werror (pom.xml,
 * execution "without-lint") and everything else with it.
 */
final class InterruptSignal {

    private InterruptSignal() {}

    static void ignore() {
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
    }
}
