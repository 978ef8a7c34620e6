package io.ipamctl.kube;

/** What a command run in a container printed and how it ended. */
public record ExecResult(int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }
}
