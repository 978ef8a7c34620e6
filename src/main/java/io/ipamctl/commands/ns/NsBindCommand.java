package io.ipamctl.commands.ns;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.ipamctl.commands.DryRun;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.Session;
import io.ipamctl.kube.NamespaceBinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "bind",
        header = "Make new Pods of a namespace take their addresses from a pool.",
        description = {
            "Sets only the namespace's ipam.antrea.io/ippools annotation: other annotations and",
            "concurrent edits are kept (a conflicting change is re-read and re-checked). The pools must",
            "exist; with two pools, one must be IPv4 and the other IPv6 (dual stack). Pods that already",
            "run keep their addresses: Antrea reads the annotation only when a Pod is created.",
            "--dry-run=client checks everything and sends no change; --dry-run=server has the server",
            "check the patch and store nothing."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl ns bind ns-ap pool-ap",
            "  ipamctl ns bind ns-ap pool-ap-v2 --overwrite     # replace an existing binding",
            "  ipamctl ns bind ns-dual pool-v4 pool-v6          # dual stack",
            "  ipamctl ns bind ns-db pool-db --dry-run=server   # checked by the server, nothing stored"})
public final class NsBindCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAMESPACE", description = "The namespace to bind.")
    String namespace;

    @Parameters(index = "1", paramLabel = "IPPOOL", description = "The Antrea IPPool (IPv4 or IPv6).")
    String pool;

    @Parameters(index = "2", arity = "0..1", paramLabel = "IPPOOL_V6", description = "A second pool of the other family.")
    String second;

    @Option(names = "--overwrite", description = "Replace an existing different binding.")
    boolean overwrite;

    @Mixin
    DryRun dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> pools = new ArrayList<>(List.of(pool));
        if (second != null) {
            pools.add(second);
        }
        NamespaceBinding.checkInput(namespace, pools);
        Session session = IpamctlCommand.session(spec);
        NamespaceBinding.Outcome o = new NamespaceBinding(session.client()).bind(namespace, pools, overwrite, dryRun.write());
        if (!o.changed()) {
            session.out().println("namespace/" + o.namespace() + " already bound to " + o.current() + " (unchanged)");
        } else {
            session.out().println("namespace/" + o.namespace() + " bound to " + o.current()
                    + (o.previous() == null ? "" : " (was " + o.previous() + ")") + dryRun.suffix());
            if (o.pods() > 0 && dryRun.isNone()) {
                session.err().println("note: the " + o.pods() + " existing pod(s) of " + o.namespace()
                        + " keep their addresses; only Pods created from now on use " + o.current());
            }
        }
        session.out().flush();
        session.err().flush();
        return 0;
    }
}
