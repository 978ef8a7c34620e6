package io.ipamctl.commands.ovs;

import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.Session;
import io.ipamctl.kube.NodeFanOut;
import io.ipamctl.kube.OvsReader;
import io.ipamctl.kube.PodRef;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.output.OvsShowView;
import io.ipamctl.ovs.OvsSnapshot;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "show",
        header = "Show the OVS ports of Antrea agents: which port is which Pod, with which IP, up or down.",
        description = {
            "Runs ovs-vsctl (argv only, never a shell) in the antrea-ovs container of each agent, in "
                    + "parallel, and joins Interface, Port and Bridge with Antrea's external_ids (pod-name, "
                    + "pod-namespace, ip-address). A node that fails gets an ERROR row and its reason on stderr; "
                    + "the others are still shown and the exit code is 4.",
            "Output: table (default), wide (bridge, tunnel options, OVS version), json, yaml (ipamctl/v1 "
                    + "OvsPortList), name, raw (the untouched `ovs-vsctl show` text).",
            "With --pod, -o raw keeps only that Pod's Port block of it, with the lines of its bridge and of the switch "
                    + "(UUID, ovs_version), as OVS printed them."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl ovs show                       # every node",
            "  ipamctl ovs show --node node-01 -o wide",
            "  ipamctl ovs show --pod ns-db/db-01     # the node and port of one Pod",
            "  ipamctl ovs show --node node-01 -o raw"
        })
public final class OvsShowCommand implements Callable<Integer> {

    @Mixin
    NodeOptions nodeOptions;

    @Mixin
    OutputOptions output = new OutputOptions(
            OutputFormat.TABLE,
            OutputFormat.TABLE,
            OutputFormat.WIDE,
            OutputFormat.JSON,
            OutputFormat.YAML,
            OutputFormat.NAME,
            OutputFormat.RAW);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat format = output.format();
        nodeOptions.validate();
        Session session = IpamctlCommand.session(spec);
        PodRef pod = nodeOptions.pod(session);
        OvsReader reader = new OvsReader(session.nodeExec(), session.requestTimeout());
        boolean raw = format == OutputFormat.RAW;
        List<NodeFanOut.Outcome<Object>> outcomes = NodeFanOutProgress.run(
                session,
                "ovs show",
                nodeOptions.targets(session),
                agent -> !raw
                        ? reader.snapshot(agent, pod)
                        : pod == null ? reader.showText(agent) : reader.showText(agent, pod));
        OvsExit.failIfTheOnlyNodeFailed(outcomes);
        List<OvsShowView.NodeState> states =
                outcomes.stream().map(o -> state(o, pod, raw)).toList();
        session.printer().print(new OvsShowView(states), format, output.headers());
        return OvsExit.report(session, outcomes);
    }

    private static OvsShowView.NodeState state(NodeFanOut.Outcome<Object> o, PodRef pod, boolean raw) {
        String agent = o.agent() == null ? null : o.agent().name();
        if (!o.ok()) {
            return new OvsShowView.NodeState(o.node(), agent, null, o.error(), null);
        }
        if (raw) {
            return new OvsShowView.NodeState(o.node(), agent, null, null, (String) o.value());
        }
        OvsSnapshot s = (OvsSnapshot) o.value();
        if (pod != null) {
            s = new OvsSnapshot(s.ovsVersion(), s.bridges(), s.portsOf(pod.namespace(), pod.name()), s.tableNames());
        }
        return new OvsShowView.NodeState(o.node(), agent, s, null, null);
    }
}
