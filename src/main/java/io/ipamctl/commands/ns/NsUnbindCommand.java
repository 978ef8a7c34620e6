package io.ipamctl.commands.ns;

import io.ipamctl.commands.ClusterScoped;
import io.ipamctl.commands.DryRunOption;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.LiveName;
import io.ipamctl.commands.Session;
import io.ipamctl.kube.DryRun;
import io.ipamctl.kube.NamespaceBinding;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "unbind",
        header = "Remove a namespace's pool binding; new Pods fall back to per-node addresses.",
        description = {
            "Removes only the ipam.antrea.io/ippools annotation. Running Pods keep their addresses; the notes",
            "say how many got them through the binding and how many name their pools themselves (those are",
            "not affected)."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  ipamctl ns unbind ns-ap", "  ipamctl ns unbind ns-ap --dry-run=server"})
public final class NsUnbindCommand implements Callable<Integer>, ClusterScoped {

    @Parameters(
            index = "0",
            paramLabel = "NAMESPACE",
            completionCandidates = LiveName.Namespaces.class,
            description = "The namespace to unbind.")
    String namespace;

    @Mixin
    DryRunOption dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public String whyNoNamespace() {
        return "the namespace is its first argument";
    }

    @Override
    public Integer call() {
        NamespaceBinding.checkNamespaceName(namespace);
        Session session = IpamctlCommand.session(spec);
        NamespaceBinding.Outcome o = new NamespaceBinding(session.client()).unbind(namespace, dryRun.mode());
        if (!o.changed()) {
            session.out().println("namespace/" + o.namespace() + " has no pool binding (unchanged)");
        } else {
            session.out()
                    .println("namespace/" + o.namespace() + " unbound (was " + o.previous() + ")" + dryRun.suffix());
            NamespaceBinding.NamespacePods pods = o.pods();
            boolean real = dryRun.mode() == DryRun.NONE;
            if (real && pods.fromBinding() > 0) {
                session.err()
                        .println("note: " + pods.fromBinding() + " pod(s) of " + o.namespace() + " got addresses from "
                                + o.previous() + " through the binding and keep them until they are re-created");
            }
            if (real && pods.ownAnnotation() > 0) {
                session.err()
                        .println("note: " + pods.ownAnnotation() + " pod(s) of " + o.namespace()
                                + " name their pools in "
                                + "their own ipam.antrea.io/ippools annotation and are not affected");
            }
        }
        session.out().flush();
        session.err().flush();
        return 0;
    }
}
