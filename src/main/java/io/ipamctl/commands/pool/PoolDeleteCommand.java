package io.ipamctl.commands.pool;

import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.ipamctl.IpamctlException;
import io.ipamctl.commands.DryRun;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.Session;
import io.ipamctl.ipam.Allocation;
import io.ipamctl.kube.IpPoolStore;
import io.ipamctl.kube.PoolRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "delete",
        header = "Delete an Antrea IP pool; refused while addresses are allocated unless --force.",
        description = {
            "Without --force a pool that still lists allocated addresses is not deleted and the owners",
            "holding them are named. Antrea's own webhook also refuses to delete a pool in use; with",
            "--force ipamctl skips its check and the server's answer is shown unchanged."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl pool delete pool-old",
            "  ipamctl pool delete pool-db --dry-run=server"})
public final class PoolDeleteCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IPPOOL", description = "The Antrea IPPool to delete (NAME or antrea/NAME).")
    String argument;

    @Option(names = "--force", description = "Delete even when addresses are still allocated.")
    boolean force;

    @Mixin
    DryRun dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String name = AntreaPoolName.of(argument, "pool delete");
        Session session = IpamctlCommand.session(spec);
        IpPoolStore store = new IpPoolStore(session.client());
        PoolRecord pool = store.find(name).orElseThrow(() -> AntreaPoolName.notFound(argument, session, "pool delete"));
        if (!pool.allocations().isEmpty() && !force) {
            String owners = pool.allocations().stream().limit(5)
                    .map(a -> a.ip() + " (" + ownerOf(a) + ")").collect(Collectors.joining(", "));
            int more = pool.allocations().size() - 5;
            throw IpamctlException.failed("IPPool \"" + name + "\" still has " + pool.allocations().size()
                    + " allocated address(es): " + owners + (more > 0 ? " and " + more + " more" : "")
                    + "; delete their Pods first, or pass --force");
        }
        if (dryRun.isClient()) {
            session.out().println("ippool.crd.antrea.io/" + name + " deleted (dry run)");
        } else {
            store.delete(name, dryRun.isServer());
            session.out().println("ippool.crd.antrea.io/" + name + " deleted" + dryRun.suffix());
        }
        session.out().flush();
        return 0;
    }

    private static String ownerOf(Allocation a) {
        String owner = a.ownerText();
        return owner == null ? "no owner" : owner;
    }
}
