package io.ipamctl.commands;

import java.io.Console;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a run sees of the world outside its arguments, passed in so that tests control it
 * instead of the process's real environment.
 *
 * @param env            environment variables
 * @param stdoutTerminal whether standard output is a terminal (colour, bars, progress)
 * @param stateDir       where the sandbox keeps its state ($XDG_STATE_HOME/ipamctl or ~/.local/state/ipamctl)
 */
public record Environment(Map<String, String> env, boolean stdoutTerminal, Path stateDir) {

    public static Environment system() {
        Map<String, String> env = System.getenv();
        Console console = System.console();
        return new Environment(env, console != null, defaultStateDir(env));
    }

    public static Path defaultStateDir(Map<String, String> env) {
        String xdg = env.get("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "ipamctl");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".local", "state", "ipamctl");
    }

    public String get(String name) {
        return env.get(name);
    }
}
