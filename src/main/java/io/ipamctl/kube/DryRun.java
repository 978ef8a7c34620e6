package io.ipamctl.kube;

import java.util.Locale;

/** kubectl's dry-run modes: NONE writes, CLIENT checks everything and sends no write, SERVER lets the server validate a write it does not store. */
public enum DryRun {
    NONE,
    CLIENT,
    SERVER;

    /** As kubectl spells it on the command line: none, client, server. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True unless nothing is written at all. */
    public boolean sendsWrites() {
        return this != CLIENT;
    }
}
