package io.ipamctl.commands;

import java.util.Collections;
import java.util.Iterator;

/**
 * Marks a value that names a local file, for completion:
 * {@code @Option(names = "-f", paramLabel = "FILE", completionCandidates = FileNames.class)}. Values of
 * type {@code Path} or {@code File} need no marker; a {@code String} does (-f takes "-" for stdin). The
 * shells then offer file names, and the label stays free text for people.
 */
public final class FileNames implements Iterable<String> {

    @Override
    public Iterator<String> iterator() {
        return Collections.emptyIterator();
    }
}
