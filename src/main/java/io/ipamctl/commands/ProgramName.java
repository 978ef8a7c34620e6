package io.ipamctl.commands;

import java.util.regex.Pattern;

/**
 * The name the user typed to run ipamctl: {@code ipamctl}, or {@code kubectl ipam} when kubectl ran it as
 * its plugin. kubectl passes plugins no sign of that (argv[0] is the plugin's own path and the environment
 * is the caller's), so {@code cli/kubectl-ipam}, the plugin's executable, says so in
 * {@link #PLUGIN_VARIABLE}. Usage lines, "see '... --help'" hints, examples and the commands suggested
 * in errors and warnings then read {@code kubectl ipam ...}, which is what the user can type.
 */
public final class ProgramName {

    public static final String STANDALONE = "ipamctl";
    public static final String PLUGIN = "kubectl ipam";
    /** Set (to 1) by cli/kubectl-ipam. */
    public static final String PLUGIN_VARIABLE = "IPAMCTL_KUBECTL_PLUGIN";

    /** "ipamctl" as a command word: followed by a blank, not part of a path, file or schema name. */
    private static final Pattern COMMAND_WORD = Pattern.compile("(?<![\\w/.-])ipamctl(?= )");

    private ProgramName() {}

    /** How the caller of this run names the program. */
    public static String of(Environment environment) {
        return "1".equals(environment.get(PLUGIN_VARIABLE)) ? PLUGIN : STANDALONE;
    }

    /** text with every "ipamctl COMMAND ..." it suggests written for program. */
    public static String inText(String text, String program) {
        if (program.equals(STANDALONE) || text == null) {
            return text;
        }
        return COMMAND_WORD.matcher(text).replaceAll(java.util.regex.Matcher.quoteReplacement(program));
    }
}
