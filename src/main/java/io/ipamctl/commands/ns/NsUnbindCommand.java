package io.ipamctl.commands.ns;

import java.util.concurrent.Callable;

import io.ipamctl.commands.DryRun;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.Session;
import io.ipamctl.kube.NamespaceBinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "unbind",
        header = "Remove a namespace's pool binding; new Pods fall back to per-node addresses.",
        description = "Removes only the ipam.antrea.io/ippools annotation. Running Pods keep their addresses.",
        footerHeading = "%nExamples:%n",
        footer = {"  ipamctl ns unbind ns-ap", "  ipamctl ns unbind ns-ap --dry-run=server"})
public final class NsUnbindCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAMESPACE", description = "The namespace to unbind.")
    String namespace;

    @Mixin
    DryRun dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        NamespaceBinding.checkNamespaceName(namespace);
        Session session = IpamctlCommand.session(spec);
        NamespaceBinding.Outcome o = new NamespaceBinding(session.client()).unbind(namespace, dryRun.write());
        if (!o.changed()) {
            session.out().println("namespace/" + o.namespace() + " has no pool binding (unchanged)");
        } else {
            session.out().println("namespace/" + o.namespace() + " unbound (was " + o.previous() + ")" + dryRun.suffix());
            if (o.pods() > 0 && dryRun.isNone()) {
                session.err().println("note: the " + o.pods() + " existing pod(s) of " + o.namespace()
                        + " keep their " + o.previous() + " addresses until they are re-created");
            }
        }
        session.out().flush();
        session.err().flush();
        return 0;
    }
}
