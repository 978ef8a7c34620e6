package io.ipamctl.commands;

import io.ipamctl.DnsNames;
import io.ipamctl.ExitCode;
import io.ipamctl.SafeText;
import io.ipamctl.kube.ObjectNames;
import io.ipamctl.sources.IpamInventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
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
@Command(
        name = CompleteCommand.NAME,
        hidden = true,
        header = "Print live pool, namespace, Pod or node names for shell completion.",
        description = {
            "KIND is pools (of every source), ippools (Antrea only), namespaces, pods (in -n or the context's "
                    + "namespace; a PREFIX NAMESPACE/ lists that namespace's as NAMESPACE/POD) or nodes; names that start with PREFIX are printed one per line, sorted. Silent "
                    + "and exit 0 on any error."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  ipamctl --sandbox __complete pools pool-", "  ipamctl __complete pods db -n ns-db"})
public final class CompleteCommand implements Callable<Integer> {

    public static final String NAME = "__complete";

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "KIND",
            description = "pools, ippools, namespaces, pods or nodes.")
    String kind;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PREFIX", description = "Only names that start with this.")
    String prefix;

    /** Extra words are ignored rather than reported. */
    @Unmatched
    List<String> ignored = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Optional<LiveName> wanted = LiveName.ofArgument(kind);
        if (wanted.isEmpty()) {
            return ExitCode.OK;
        }
        String start = prefix == null ? "" : prefix;
        IpamctlCommand root = (IpamctlCommand) spec.root().userObject();
        try (Session session = root.quietSession()) {
            ObjectNames names = new ObjectNames(session.client(), session.cache());
            List<String> found = switch (wanted.get()) {
                case POOLS ->
                    IpamInventory.poolNames(session.client(), session.cache(), w -> {}).stream()
                            .distinct()
                            .sorted()
                            .toList();
                case IPPOOLS -> names.pools();
                case NAMESPACES -> names.namespaces();
                case PODS -> pods(names, start, session.namespace());
                case NODES -> names.nodes();
            };
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

    /**
     * Pods of the namespace (-n or the context's), or, once the word has a slash (trace SRC, pod why: NAMESPACE/POD),
     * those of the namespace before it, written as NAMESPACE/POD.
     */
    private static List<String> pods(ObjectNames names, String start, String namespace) {
        int slash = start.indexOf('/');
        if (slash < 0) {
            return names.pods(namespace);
        }
        String typed = start.substring(0, slash);
        if (!DnsNames.isLabel(typed)) {
            return List.of();
        }
        return names.pods(typed).stream().map(pod -> typed + "/" + pod).toList();
    }
}
