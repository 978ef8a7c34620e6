package io.ipamctl.output;

/**
 * ANSI colour, decided once per run: on only for a terminal, and never with --no-color or NO_COLOR.
 * Text is painted here and nowhere else, so turning colour off can never change the words.
 */
public record Ansi(boolean enabled) {

    public static final Ansi OFF = new Ansi(false);

    private static final String RESET = "\u001b[0m";

    /** kubectl-like rule: colour when stdout is a terminal, unless NO_COLOR is set or --no-color given. */
    public static Ansi decide(boolean noColorFlag, String noColorEnv, boolean stdoutIsTerminal) {
        boolean envOff = noColorEnv != null && !noColorEnv.isEmpty();
        return new Ansi(stdoutIsTerminal && !noColorFlag && !envOff);
    }

    public String paint(String text, Cell.Style style) {
        if (!enabled || style == null || style == Cell.Style.PLAIN) {
            return text;
        }
        String code = switch (style) {
            case GOOD -> "\u001b[32m";
            case WARN -> "\u001b[33m";
            case BAD -> "\u001b[31m";
            case DIM -> "\u001b[2m";
            case PLAIN -> "";
        };
        return code + text + RESET;
    }

    public String bold(String text) {
        return enabled ? "\u001b[1m" + text + RESET : text;
    }
}
