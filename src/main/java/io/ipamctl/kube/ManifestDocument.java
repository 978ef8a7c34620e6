package io.ipamctl.kube;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads one Kubernetes manifest (YAML or JSON, exactly one document) from a file or stdin, with limits. */
public final class ManifestDocument {

    /** Far bigger than any manifest ipamctl takes; protects against passing the wrong file. */
    public static final int MAX_BYTES = 1 << 20;

    private ManifestDocument() {}

    /** Reads FILE (relative to the caller's directory cwd), or stdin for "-"; messages name FILE as given. */
    public static JsonNode read(String file, Path cwd, java.io.InputStream stdin) {
        String source = file.equals("-") ? "stdin" : file;
        byte[] bytes;
        try {
            if (file.equals("-")) {
                bytes = stdin.readNBytes(MAX_BYTES + 1);
            } else {
                Path path = cwd.resolve(file);
                if (Files.isDirectory(path)) {
                    throw IpamctlException.invalid(
                            SafeText.printable(file) + " is a directory; pass one manifest file");
                }
                long size = Files.size(path);
                if (size > MAX_BYTES) {
                    throw tooBig(source, size);
                }
                bytes = Files.readAllBytes(path);
            }
        } catch (NoSuchFileException e) {
            throw IpamctlException.invalid("file " + SafeText.printable(file) + " does not exist");
        } catch (IOException e) {
            throw IpamctlException.invalid("cannot read " + SafeText.printable(file) + ": " + e.getMessage());
        }
        return parse(bytes, source);
    }

    private static IpamctlException tooBig(String source, long size) {
        return IpamctlException.invalid(
                SafeText.printable(source) + " is " + size + " bytes; a manifest is at most " + MAX_BYTES + " bytes");
    }

    public static JsonNode parse(byte[] bytes, String source) {
        String shown = SafeText.printable(source);
        if (bytes.length > MAX_BYTES) {
            throw tooBig(source, bytes.length);
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw IpamctlException.invalid(shown + " is a binary file, not a YAML or JSON manifest");
            }
        }
        List<JsonNode> docs = new ArrayList<>();
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            try (MappingIterator<JsonNode> it =
                    yaml.readerFor(JsonNode.class).readValues(new String(bytes, StandardCharsets.UTF_8))) {
                while (it.hasNext()) {
                    JsonNode n = it.next();
                    if (n != null && !n.isNull() && !n.isMissingNode()) {
                        docs.add(n);
                    }
                }
            }
        } catch (JsonProcessingException e) {
            String where =
                    e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw IpamctlException.invalid(shown + " is not valid YAML or JSON: "
                    + SafeText.printable(firstLine(e.getOriginalMessage())) + where);
        } catch (IOException | RuntimeException e) {
            throw IpamctlException.invalid(shown + " is not valid YAML or JSON: "
                    + SafeText.printable(firstLine(String.valueOf(e.getMessage()))));
        }
        if (docs.size() != 1) {
            throw IpamctlException.invalid(shown + " holds " + docs.size() + " documents; pass exactly one");
        }
        JsonNode doc = docs.get(0);
        if (!doc.isObject()
                || !doc.path("kind").isTextual()
                || !doc.path("apiVersion").isTextual()) {
            throw IpamctlException.invalid(
                    shown + " is not a Kubernetes object (expected apiVersion, kind, metadata, spec)");
        }
        return doc;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
