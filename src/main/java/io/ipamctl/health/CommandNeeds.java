package io.ipamctl.health;

import io.ipamctl.health.AccessRules.Permission;
import java.util.ArrayList;
import java.util.List;

/**
 * What each ipamctl command needs the API server to allow (the rules of deploy/rbac.yaml, command by command),
 * for the `rbac` check.
 */
public final class CommandNeeds {

    private static final String ANTREA = "crd.antrea.io";
    private static final String WHEREABOUTS = "whereabouts.cni.cncf.io";
    private static final String MULTUS = "k8s.cni.cncf.io";

    private CommandNeeds() {}

    /** @param antreaNamespace where the agents run (the ovs commands exec there) */
    public static List<AccessRules.CommandNeeds> all(String antreaNamespace) {
        List<Permission> read = List.of(
                Permission.of("list", ANTREA, "ippools"),
                Permission.of("list", "", "namespaces"),
                Permission.of("list", "", "pods"),
                Permission.of("list", "", "nodes"),
                Permission.of("list", WHEREABOUTS, "ippools"),
                Permission.of("list", MULTUS, "network-attachment-definitions"));
        List<Permission> exec = List.of(
                Permission.of("list", "", "pods").in(antreaNamespace),
                Permission.of("create", "", "pods").sub("exec").in(antreaNamespace));
        List<AccessRules.CommandNeeds> out = new ArrayList<>();
        out.add(new AccessRules.CommandNeeds("pool usage/list/get/check", true, read));
        out.add(new AccessRules.CommandNeeds("ns list", true, List.of(Permission.of("list", "", "namespaces"))));
        out.add(new AccessRules.CommandNeeds(
                "pod why", true, List.of(Permission.of("get", "", "pods"), Permission.of("list", "", "events"))));
        out.add(new AccessRules.CommandNeeds(
                "pool create", false, List.of(Permission.of("create", ANTREA, "ippools"))));
        out.add(new AccessRules.CommandNeeds(
                "pool delete", false, List.of(Permission.of("delete", ANTREA, "ippools"))));
        out.add(new AccessRules.CommandNeeds(
                "pool release",
                false,
                List.of(
                        Permission.of("patch", ANTREA, "ippools").sub("status"),
                        Permission.of("patch", WHEREABOUTS, "ippools"))));
        out.add(new AccessRules.CommandNeeds(
                "ns bind/unbind", false, List.of(Permission.of("patch", "", "namespaces"))));
        out.add(new AccessRules.CommandNeeds(
                "pod pin-ip",
                false,
                List.of(Permission.of("create", "", "pods"), Permission.of("delete", "", "pods"))));
        out.add(new AccessRules.CommandNeeds("ovs show/flows, trace --local", false, exec));
        out.add(new AccessRules.CommandNeeds(
                "trace",
                false,
                List.of(Permission.of("create", ANTREA, "traceflows"), Permission.of("delete", ANTREA, "traceflows"))));
        return out;
    }

    /** Every distinct permission of {@link #all}, asked once each. */
    public static List<Permission> distinct(List<AccessRules.CommandNeeds> commands) {
        return commands.stream()
                .flatMap(c -> c.permissions().stream())
                .distinct()
                .toList();
    }
}
