package io.ipamctl.commands.shell;

import java.util.List;

/** Opens ShellCommand's package-private rewriting of the shell's -n to tests of other packages. */
public final class ShellCommandAccess {

    private ShellCommandAccess() {}

    public static List<String> asDefaultNamespace(List<String> globals) {
        return ShellCommand.asDefaultNamespace(globals);
    }
}
