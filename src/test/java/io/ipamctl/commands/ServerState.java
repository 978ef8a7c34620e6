package io.ipamctl.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sandbox cluster's objects as its state file holds them (it is written after every change, so
 * any write shows, a new resourceVersion included); uid and creationTimestamp differ only between
 * restores of the seed.
 */
final class ServerState {

    private ServerState() {}

    static String of(Path stateDir) {
        Path file = stateDir.resolve("sandbox").resolve("state.json");
        if (!Files.exists(file)) {
            return "";
        }
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            for (JsonNode item : root.path("items")) {
                ObjectNode meta = (ObjectNode) item.path("metadata");
                meta.remove("creationTimestamp");
                meta.remove("uid");
            }
            return root.toPrettyString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
