package io.ipamctl.commands;

import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.kube.LabelSelectors;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * -l/--selector, kubectl's label selector, handed to the API server with the list request. Its syntax
 * is checked before any request (exit 2, one line), so the server's own wording never reaches the user.
 */
public final class SelectorOption {

    /** One requirement: key, !key, key=value, key==value, key!=value, key in (a,b), key notin (a,b). */
    private static final String KEY =
            "(?:[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";

    private static final String VALUE = "(?:[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?";
    private static final Pattern REQUIREMENT = Pattern.compile("!?" + KEY + "|" + KEY + "\\s*(?:==?|!=)\\s*" + VALUE
            + "|" + KEY + "\\s+(?:in|notin)\\s+\\(\\s*" + VALUE + "(?:\\s*,\\s*" + VALUE + ")*\\s*\\)");

    @Option(
            names = {"-l", "--selector"},
            paramLabel = "SELECTOR",
            description =
                    "Only objects whose labels match, as kubectl: key=value, key!=value, key, !key, key in (a,b), "
                            + "key notin (a,b), comma-separated (sent to the API server).")
    String selector;

    /** The selector as given (checked), or null without -l. */
    public String selector() {
        if (selector == null) {
            return null;
        }
        for (String requirement : LabelSelectors.requirements(selector)) {
            if (!REQUIREMENT.matcher(requirement.trim()).matches()) {
                throw IpamctlException.invalid(
                        "invalid label selector \"" + SafeText.printable(selector)
                                + "\": cannot parse \"" + SafeText.printable(requirement.trim())
                                + "\"; expected key=value, key!=value, key, !key, key in (a,b) or key notin (a,b), comma-separated");
            }
        }
        return selector.trim();
    }
}
