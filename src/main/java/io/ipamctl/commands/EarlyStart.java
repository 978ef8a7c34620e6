package io.ipamctl.commands;

import io.ipamctl.kube.ConnectionSettings;
import io.ipamctl.kube.EarlyConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The connection a command line will use, guessed from its words before picocli has built anything, so a
 * cold process can start it on a second thread ({@link EarlyConnection}). Only a guess: the session takes
 * the early client only when the settings picocli then parses are the same, so a line this reads wrongly
 * costs a client built in vain, never a different behaviour. No guess (nothing started) for lines that may
 * not reach the API server: help, version, the sandbox, -v (its request log belongs to the session).
 */
final class EarlyStart {

    /** First words of the commands that read the API server as they start. */
    private static final Set<String> API_COMMANDS = Set.of("pool", "ns", "ip", "ovs", "pod", "trace", "doctor");

    /** Words after which nothing is guessed. */
    private static final Set<String> NO_GUESS = Set.of(
            "-h", "--help", "-V", "--version", "-v", "--verbose", "--sandbox", "--sandbox-reset", "-w", "--watch");

    /** Global options that take a value (GlobalOptions). */
    private static final Set<String> VALUED = Set.of(
            "--kubeconfig", "--context", "--request-timeout", "-n", "--namespace", GlobalOptions.SHELL_NAMESPACE);

    /** What pool usage asks first: whether crd.antrea.io/v1beta1 serves ippools (IpPoolStore.installed). */
    private static final EarlyConnection.Read ANTREA_DISCOVERY =
            new EarlyConnection.Read("apis/crd.antrea.io/v1beta1", "application/json");

    /** Then, with --source antrea: the first page of the pools (PoolListReader.page, IpPoolStore.PAGE). */
    private static final EarlyConnection.Read ANTREA_POOLS =
            new EarlyConnection.Read("apis/crd.antrea.io/v1beta1/ippools?limit=500", "application/json");

    private EarlyStart() {}

    /** The connection a line will most likely use, and the GETs it sends first. */
    record Guess(ConnectionSettings settings, List<EarlyConnection.Read> reads) {}

    /** The early connection this line will most likely use, started; empty when nothing is guessed. */
    static Optional<EarlyConnection> start(String[] args, Environment environment) {
        return guess(args, environment).map(g -> EarlyConnection.start(g.settings(), g.reads()));
    }

    /** What {@link #start} would start for this line; empty when nothing is guessed. */
    static Optional<Guess> guess(String[] args, Environment environment) {
        Path kubeconfig = null;
        String context = null;
        Duration timeout = Duration.ofSeconds(30); // GlobalOptions' default
        List<String> words = new ArrayList<>();
        List<String> options = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String name = a.startsWith("--") && a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                if (NO_GUESS.contains(name) || a.equals("--")) {
                    return Optional.empty();
                }
                if (VALUED.contains(name)) {
                    String value =
                            name.equals(a) ? (++i < args.length ? args[i] : null) : a.substring(name.length() + 1);
                    if (value == null) {
                        return Optional.empty();
                    }
                    switch (name) {
                        case "--kubeconfig" -> kubeconfig = environment.resolve(Path.of(value));
                        case "--context" -> context = value;
                        case "--request-timeout" -> timeout = DurationConverter.parse(value);
                        default -> {}
                    }
                } else if (a.startsWith("-")) {
                    options.add(a);
                } else if (options.isEmpty()) {
                    words.add(a); // the command's path and its first arguments, before its own options
                } else {
                    options.add(a);
                }
            }
        } catch (RuntimeException e) {
            return Optional.empty(); // a value picocli will refuse: it says so itself
        }
        if (words.isEmpty() || !API_COMMANDS.contains(words.get(0))) {
            return Optional.empty();
        }
        ConnectionSettings settings =
                new ConnectionSettings(kubeconfig, context, timeout, environment.env(), environment.cwd(), null);
        return Optional.of(new Guess(settings, reads(words, options)));
    }

    /** The GETs the command sends first, as far as its words tell. */
    private static List<EarlyConnection.Read> reads(List<String> words, List<String> options) {
        if (words.size() < 2 || !words.get(0).equals("pool") || !words.get(1).equals("usage")) {
            return List.of();
        }
        boolean selected = options.stream().anyMatch(o -> o.startsWith("-l") || o.startsWith("--selector"));
        int at = options.indexOf("--source");
        String source = options.contains("--source=antrea")
                ? "antrea"
                : at >= 0 && at + 1 < options.size() ? options.get(at + 1) : null;
        if (source == null) {
            return List.of(ANTREA_DISCOVERY); // every source: Antrea's is asked first
        }
        if (source.equals("antrea") && !selected) {
            return List.of(ANTREA_DISCOVERY, ANTREA_POOLS);
        }
        return source.contains("antrea") ? List.of(ANTREA_DISCOVERY) : List.of();
    }
}
