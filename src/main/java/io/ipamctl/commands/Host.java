package io.ipamctl.commands;

import io.ipamctl.kube.Cleanups;
import io.ipamctl.kube.Connections;

/**
 * What the process that runs a command lends it: how it gets API clients and where it registers
 * clean-up steps. A plain process ({@link #PROCESS}) builds a client per run and cleans up from JVM
 * shutdown hooks; the warm server lends cached clients and keeps clean-up steps per request.
 *
 * @param connections API clients
 * @param cleanups    clean-up steps for an interrupted run
 * @param inServer    whether this is the warm server (commands that must own the terminal refuse)
 */
public record Host(Connections connections, Cleanups cleanups, boolean inServer) {

    public static final Host PROCESS = new Host(Connections.PER_RUN, Cleanups.JVM, false);
}
