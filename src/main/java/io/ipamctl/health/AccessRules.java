package io.ipamctl.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Check `rbac`: which ipamctl commands the current user may not run, from one SelfSubjectAccessReview per
 * permission the commands need, so a "forbidden" is explained before it happens.
 */
public final class AccessRules {

    public static final String RBAC = "rbac";

    /**
     * What the API server is asked: may I verb this resource?
     *
     * @param group       the API group, "" for the core group
     * @param subresource e.g. "exec", "status", or ""
     * @param namespace   the namespace, or "" for every namespace (and for cluster-scoped resources)
     */
    public record Permission(String verb, String group, String resource, String subresource, String namespace) {

        public static Permission of(String verb, String group, String resource) {
            return new Permission(verb, group, resource, "", "");
        }

        public Permission in(String ns) {
            return new Permission(verb, group, resource, subresource, ns);
        }

        public Permission sub(String sub) {
            return new Permission(verb, group, resource, sub, namespace);
        }

        /** "create pods/exec in kube-system", "list ippools.crd.antrea.io". */
        public String text() {
            return verb + " " + resource + (group.isEmpty() ? "" : "." + group)
                    + (subresource.isEmpty() ? "" : "/" + subresource)
                    + (namespace.isEmpty() ? "" : " in " + namespace);
        }
    }

    /**
     * A command and what it needs.
     *
     * @param readOnly a command that only reads (a user who may not run these can hardly use ipamctl)
     */
    public record CommandNeeds(String command, boolean readOnly, List<Permission> permissions) {
        public CommandNeeds {
            permissions = List.copyOf(permissions);
        }
    }

    private AccessRules() {}

    /** @param allowed the server's answer for every permission of every command */
    public static CheckResult rbac(List<CommandNeeds> commands, Map<Permission, Boolean> allowed) {
        Map<String, List<String>> deniedBy = new LinkedHashMap<>(); // missing permission → commands
        Set<String> deniedCommands = new LinkedHashSet<>();
        boolean readDenied = false;
        for (CommandNeeds c : commands) {
            for (Permission p : c.permissions()) {
                if (!allowed.getOrDefault(p, false)) {
                    deniedBy.computeIfAbsent(p.text(), k -> new ArrayList<>()).add(c.command());
                    deniedCommands.add(c.command());
                    readDenied |= c.readOnly();
                }
            }
        }
        if (deniedCommands.isEmpty()) {
            return CheckResult.ok(
                    RBAC, "you may run every ipamctl command (" + allowed.size() + " permissions checked)");
        }
        List<String> parts = new ArrayList<>();
        deniedBy.forEach((permission, cmds) -> parts.add(permission + " (" + String.join(", ", distinct(cmds)) + ")"));
        String finding = "you may not run " + deniedCommands.size() + " of " + commands.size() + " commands; missing: "
                + String.join("; ", parts);
        String fix = "ask for the ipamctl-" + (readDenied ? "viewer role (reading) or the ipamctl-admin" : "admin")
                + " role of deploy/rbac.yaml, or for the permissions named";
        return readDenied ? CheckResult.failed(RBAC, finding, fix) : CheckResult.warning(RBAC, finding, fix);
    }

    private static List<String> distinct(List<String> list) {
        return new ArrayList<>(new LinkedHashSet<>(list));
    }
}
