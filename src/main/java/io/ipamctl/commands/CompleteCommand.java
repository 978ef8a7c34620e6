package io.ipamctl.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.EnumSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import io.ipamctl.ExitCode;
import io.ipamctl.SafeText;
import io.ipamctl.kube.ObjectNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * The live names the completion scripts offer (kcctl's hidden completion commands): one name per
 * line, nothing else. It runs while a shell line is being edited, so it never prints an error and
 * always exits 0: no names is the answer to a bad KIND, an unreachable server or any other failure.
 */
@Command(name = CompleteCommand.NAME, hidden = true,
        header = "Print live pool, namespace, Pod or node names for shell completion.",
        description = {
            "KIND is pools, namespaces, pods (in -n or the context's namespace) or nodes, or several "
                    + "joined by commas; names that start with PREFIX are printed one per line, sorted. Silent and "
                    + "exit 0 on any error."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl --sandbox __complete pools pool-",
            "  ipamctl --sandbox __complete pools,whereabouts-pools,nodes",
            "  ipamctl __complete pods db -n ns-db"})
public final class CompleteCommand implements Callable<Integer> {

    public static final String NAME = "__complete";

    @Parameters(index = "0", arity = "0..1", paramLabel = "KINDS",
            description = "pools, whereabouts-pools, namespaces, pods or nodes; several joined by commas.")
    String kinds;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PREFIX", description = "Only names that start with this.")
    String prefix;

    /** Extra words are ignored rather than reported. */
    @Unmatched
    List<String> ignored = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Set<LiveName> wanted = EnumSet.noneOf(LiveName.class);
        for (String k : kinds == null ? new String[0] : kinds.split(",")) {
            LiveName.ofArgument(k).ifPresent(wanted::add);
        }
        if (wanted.isEmpty()) {
            return ExitCode.OK;
        }
        String start = prefix == null ? "" : prefix;
        IpamctlCommand root = (IpamctlCommand) spec.root().userObject();
        try (Session session = root.quietSession()) {
            ObjectNames names = new ObjectNames(session.client());
            SortedSet<String> found = new TreeSet<>();
            for (LiveName kind : wanted) {
                found.addAll(switch (kind) {
                    case POOLS -> names.pools();
                    case WHEREABOUTS_POOLS -> names.whereaboutsPools();
                    case NAMESPACES -> names.namespaces();
                    case PODS -> names.pods(session.namespace());
                    case NODES -> names.nodes();
                });
            }
            for (String name : found) {
                // a name the shell could not take back as one word (control characters, spaces) is left out
                if (name.startsWith(start) && SafeText.printable(name).equals(name) && !name.contains(" ")) {
                    session.out().println(name);
                }
            }
            session.out().flush();
        } catch (RuntimeException e) {
            // Deliberately swallowed (see the class comment): whatever failed, the shell gets no names.
        }
        return ExitCode.OK;
    }
}
