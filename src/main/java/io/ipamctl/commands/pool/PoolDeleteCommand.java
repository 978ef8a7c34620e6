package io.ipamctl.commands.pool;

import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.commands.ClusterScoped;
import io.ipamctl.commands.DryRunOption;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.LiveName;
import io.ipamctl.commands.Session;
import io.ipamctl.kube.PoolDeletion;
import io.ipamctl.kube.Refusal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "delete",
        header = "Delete Antrea IP pools; each is refused while it is in use unless --force.",
        description = {
            "Without --force a pool is not deleted while it still lists allocated addresses (the owners "
                    + "are named) or while a Namespace or Pod still names it in its ipam.antrea.io/ippools "
                    + "annotation (they are named: every new Pod under that annotation would fail to get an "
                    + "address). With --force it is deleted anyway and what still depends on it is named in a "
                    + "warning. Antrea's own webhook also refuses to delete a pool with allocated addresses; that "
                    + "answer is shown unchanged.",
            "A dry run (--dry-run=client|server) gives the same verdict without deleting.",
            "IPPOOL is an Antrea IPPool: NAME or antrea/NAME. Another source's pool (a Whereabouts pool, "
                    + "a node's podCIDR) is refused (exit 2) with what it is; those are not deleted here.",
            "Several pools: every name is checked first, and when one cannot name an Antrea IPPool (bad "
                    + "form, another source's pool) nothing is deleted (exit 2). The others are then deleted one "
                    + "by one, as kubectl delete does: each refusal or missing pool is one error line, the rest "
                    + "are deleted. Exit 1 when none was deleted, 4 when some were and others not."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl pool delete pool-old",
            "  ipamctl pool delete pool-old pool-test pool-tmp",
            "  ipamctl pool delete pool-db --dry-run=server"
        })
public final class PoolDeleteCommand implements Callable<Integer>, ClusterScoped {

    @Parameters(
            arity = "1..*",
            paramLabel = "IPPOOL",
            completionCandidates = LiveName.IpPools.class,
            description = "The Antrea IPPools to delete (NAME or antrea/NAME).")
    List<String> arguments;

    @Option(
            names = "--force",
            description = "Delete even when addresses are allocated or namespaces and pods still name the pool.")
    boolean force;

    @Mixin
    DryRunOption dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public String whyNoNamespace() {
        return "Antrea IPPools are cluster-scoped";
    }

    @Override
    public Integer call() {
        Map<String, String> names = checkedNames();
        Session session = IpamctlCommand.session(spec);
        PoolDeletion deletion = new PoolDeletion(session.client());
        if (names.size() > 1) {
            refuseOtherSourcesFirst(names, deletion, session);
        }
        List<IpamctlException> failures = new ArrayList<>();
        for (var e : names.entrySet()) {
            try {
                delete(e.getValue(), e.getKey(), deletion, session);
            } catch (IpamctlException failure) {
                if (names.size() == 1) {
                    throw failure;
                }
                failure.lines().forEach(session::error);
                failures.add(failure);
            }
        }
        if (failures.isEmpty()) {
            return ExitCode.OK;
        }
        return failures.size() < names.size() ? ExitCode.PARTIAL : ExitCode.ERROR;
    }

    /** IPPool name by argument, in order, duplicates once; exit 2 naming every bad argument before any request. */
    private Map<String, String> checkedNames() {
        Map<String, String> names = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String argument : arguments) {
            try {
                String name = AntreaPoolName.of(argument, "pool delete");
                if (!names.containsValue(name)) {
                    names.put(argument, name);
                }
            } catch (IpamctlException e) {
                problems.addAll(e.lines());
            }
        }
        if (!problems.isEmpty()) {
            throw IpamctlException.invalid(problems);
        }
        return names;
    }

    /** A name that is another source's pool is bad input: exit 2 before the first delete (not one by one). */
    private static void refuseOtherSourcesFirst(Map<String, String> names, PoolDeletion deletion, Session session) {
        List<String> problems = new ArrayList<>();
        for (var e : names.entrySet()) {
            if (!deletion.exists(e.getValue())) {
                IpamctlException missing = AntreaPoolName.notFound(e.getKey(), session, "pool delete");
                if (missing.exitCode() == ExitCode.USAGE) {
                    problems.addAll(missing.lines());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw IpamctlException.invalid(problems);
        }
    }

    private void delete(String name, String argument, PoolDeletion deletion, Session session) {
        try {
            if (!deletion.delete(name, force, dryRun.mode(), session::warn)) {
                throw AntreaPoolName.notFound(argument, session, "pool delete");
            }
        } catch (Refusal r) {
            throw r.hint(
                    r.reason() == Refusal.Reason.POOL_IN_USE
                            ? "; delete their Pods first, or pass --force"
                            : "; point them at another pool first (a namespace: ipamctl ns bind NAMESPACE IPPOOL --overwrite), "
                                    + "or pass --force");
        }
        session.out().println("ippool.crd.antrea.io/" + name + " deleted" + dryRun.suffix());
        session.out().flush();
    }
}
