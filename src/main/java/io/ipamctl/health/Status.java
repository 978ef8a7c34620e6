package io.ipamctl.health;

/** How a doctor check came out, worst last. */
public enum Status {
    OK("ok"),
    WARNING("warning"),
    FAILED("failed");

    private final String text;

    Status(String text) {
        this.text = text;
    }

    /** The worse of the two. */
    public Status worst(Status other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    @Override
    public String toString() {
        return text;
    }
}
