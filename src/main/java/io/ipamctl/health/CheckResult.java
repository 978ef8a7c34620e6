package io.ipamctl.health;

/**
 * What one doctor check found: its status, one line saying what it saw, and one line saying what to do
 * (null when there is nothing to do).
 */
public record CheckResult(String check, Status status, String finding, String fix) {

    public static CheckResult ok(String check, String finding) {
        return new CheckResult(check, Status.OK, finding, null);
    }

    public static CheckResult warning(String check, String finding, String fix) {
        return new CheckResult(check, Status.WARNING, finding, fix);
    }

    public static CheckResult failed(String check, String finding, String fix) {
        return new CheckResult(check, Status.FAILED, finding, fix);
    }

    /** The same finding at least as bad as status (a part of a check that is worse than the rest). */
    public CheckResult atLeast(Status other) {
        return new CheckResult(check, status.worst(other), finding, fix);
    }
}
