package io.ipamctl.commands.ovs;

import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.commands.Session;
import io.ipamctl.kube.NodeFanOut;
import java.util.List;

/** Failed nodes: one error line each on stderr; exit 4 when others worked, 1 when none did. */
final class OvsExit {

    private OvsExit() {}

    /** With one node asked, its failure is the command's error (no table with a lone ERROR row). */
    static <T> void failIfTheOnlyNodeFailed(List<NodeFanOut.Outcome<T>> outcomes) {
        if (outcomes.size() == 1 && !outcomes.get(0).ok()) {
            throw IpamctlException.failed(outcomes.get(0).error());
        }
    }

    static <T> int report(Session session, List<NodeFanOut.Outcome<T>> outcomes) {
        long failed = outcomes.stream().filter(o -> !o.ok()).count();
        if (failed == 0) {
            return ExitCode.OK;
        }
        outcomes.stream()
                .filter(o -> !o.ok())
                .forEach(o -> session.err()
                        .println("error: node " + o.node() + ": " + io.ipamctl.SafeText.printable(o.error())));
        session.err().flush();
        return failed == outcomes.size() ? ExitCode.ERROR : ExitCode.PARTIAL;
    }
}
