package io.ipamctl.sources;

/** A running watch on a source's objects; closing it stops it (and never throws a checked exception). */
public interface SourceWatch extends AutoCloseable {

    @Override
    void close();
}
