package io.ipamctl.commands.ns;

import io.ipamctl.commands.ClusterScoped;
import io.ipamctl.commands.DryRunOption;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.LiveName;
import io.ipamctl.commands.Session;
import io.ipamctl.kube.DryRun;
import io.ipamctl.kube.NamespaceBinding;
import io.ipamctl.kube.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "bind",
        header = "Make new Pods of a namespace take their addresses from a pool.",
        description = {
            "Sets only the namespace's ipam.antrea.io/ippools annotation: other annotations and "
                    + "concurrent edits are kept (a conflicting change is re-read and re-checked). The pools must "
                    + "exist; with two pools, one must be IPv4 and the other IPv6 (dual stack). Pods that already "
                    + "run keep their addresses: Antrea reads the annotation only when a Pod is created, and never "
                    + "for a Pod with its own ipam.antrea.io/ippools annotation. Binding to a pool with no free "
                    + "address is done with a warning: new Pods of the namespace would not start.",
            "--dry-run=client checks everything and sends no change; --dry-run=server has the server "
                    + "check the patch and store nothing."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl ns bind ns-ap pool-ap",
            "  ipamctl ns bind ns-ap pool-ap-v2 --overwrite     # replace an existing binding",
            "  ipamctl ns bind ns-dual pool-v4 pool-v6          # dual stack",
            "  ipamctl ns bind ns-db pool-db --dry-run=server   # checked by the server, nothing stored"
        })
public final class NsBindCommand implements Callable<Integer>, ClusterScoped {

    @Parameters(
            index = "0",
            paramLabel = "NAMESPACE",
            completionCandidates = LiveName.Namespaces.class,
            description = "The namespace to bind.")
    String namespace;

    @Parameters(
            index = "1",
            paramLabel = "IPPOOL",
            completionCandidates = LiveName.IpPools.class,
            description = "The Antrea IPPool (IPv4 or IPv6).")
    String pool;

    @Parameters(
            index = "2",
            arity = "0..1",
            paramLabel = "IPPOOL_V6",
            completionCandidates = LiveName.IpPools.class,
            description = "A second pool of the other family.")
    String second;

    @Option(names = "--overwrite", description = "Replace an existing different binding.")
    boolean overwrite;

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
        List<String> pools = new ArrayList<>(List.of(pool));
        if (second != null) {
            pools.add(second);
        }
        NamespaceBinding.checkInput(namespace, pools);
        Session session = IpamctlCommand.session(spec);
        NamespaceBinding.Outcome o;
        try {
            o = new NamespaceBinding(session.client()).bind(namespace, pools, overwrite, dryRun.mode());
        } catch (Refusal r) {
            throw r.hint("; pass --overwrite to bind it to " + String.join(",", pools) + " instead");
        }
        if (!o.changed()) {
            session.out().println("namespace/" + o.namespace() + " already bound to " + o.current() + " (unchanged)");
        } else {
            session.out()
                    .println("namespace/" + o.namespace() + " bound to " + o.current()
                            + (o.previous() == null ? "" : " (was " + o.previous() + ")") + dryRun.suffix());
            NamespaceBinding.NamespacePods pods = o.pods();
            int following = pods.total() - pods.ownAnnotation();
            boolean real = dryRun.mode() == DryRun.NONE;
            if (real && following > 0) {
                session.err()
                        .println("note: the " + following + " existing pod(s) of " + o.namespace()
                                + " keep their addresses; only Pods created from now on use " + o.current());
            }
            if (real && pods.ownAnnotation() > 0) {
                session.err()
                        .println("note: " + pods.ownAnnotation() + " pod(s) of " + o.namespace()
                                + " name their pools in "
                                + "their own ipam.antrea.io/ippools annotation, which the binding does not change");
            }
        }
        o.warnings().forEach(session::warn);
        session.out().flush();
        session.err().flush();
        return 0;
    }
}
