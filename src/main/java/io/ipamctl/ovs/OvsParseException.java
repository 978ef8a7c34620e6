package io.ipamctl.ovs;

/** Output of an OVS tool that does not have the expected shape; the message says what was wrong. */
public class OvsParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OvsParseException(String message) {
        super(message);
    }
}
