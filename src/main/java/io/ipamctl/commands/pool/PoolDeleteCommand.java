package io.ipamctl.commands.pool;

import java.util.concurrent.Callable;

import io.ipamctl.commands.DryRunOption;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.LiveName;
import io.ipamctl.commands.Session;
import io.ipamctl.kube.PoolDeletion;
import io.ipamctl.kube.Refusal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "delete",
        header = "Delete an Antrea IP pool; refused while it is in use unless --force.",
        description = {
            "Without --force a pool is not deleted while it still lists allocated addresses (the owners "
                    + "are named) or while a Namespace or Pod still names it in its ipam.antrea.io/ippools "
                    + "annotation (they are named: every new Pod under that annotation would fail to get an "
                    + "address). With --force it is deleted anyway and what still depends on it is named in a "
                    + "warning. Antrea's own webhook also refuses to delete a pool with allocated addresses; that "
                    + "answer is shown unchanged.",
            "A dry run (--dry-run=client|server) gives the same verdict without deleting.",
            "IPPOOL is an Antrea IPPool: NAME or antrea/NAME. Another source's pool (a Whereabouts pool, "
                    + "a node's podCIDR) is refused (exit 2) with what it is; those are not deleted here."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl pool delete pool-old",
            "  ipamctl pool delete pool-db --dry-run=server"})
public final class PoolDeleteCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IPPOOL", completionCandidates = LiveName.IpPools.class,
            description = "The Antrea IPPool to delete (NAME or antrea/NAME).")
    String argument;

    @Option(names = "--force", description = "Delete even when addresses are allocated or namespaces and pods still name the pool.")
    boolean force;

    @Mixin
    DryRunOption dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String name = AntreaPoolName.of(argument, "pool delete");
        Session session = IpamctlCommand.session(spec);
        try {
            if (!new PoolDeletion(session.client()).delete(name, force, dryRun.mode(), session::warn)) {
                throw AntreaPoolName.notFound(argument, session, "pool delete");
            }
        } catch (Refusal r) {
            throw r.hint(r.reason() == Refusal.Reason.POOL_IN_USE ? "; delete their Pods first, or pass --force"
                    : "; point them at another pool first (a namespace: ipamctl ns bind NAMESPACE IPPOOL --overwrite), "
                    + "or pass --force");
        }
        session.out().println("ippool.crd.antrea.io/" + name + " deleted" + dryRun.suffix());
        session.out().flush();
        return 0;
    }
}
