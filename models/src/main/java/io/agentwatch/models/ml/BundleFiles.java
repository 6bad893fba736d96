package io.agentwatch.models.ml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model bundle as bytes: its manifest and model file, and where they were read from. This is how
 * a bundle travels to a running job (broadcast, and kept in checkpoints), so TaskManagers need no
 * access to the folder it came from. Small: a forest of 100 trees is about 100 KB. A Flink POJO.
 */
public class BundleFiles implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Where the bundle was read from, for messages. */
    public String source;

    public byte[] manifest;
    public byte[] model;

    /** The model file's SHA-256 as the manifest gives it: identifies the bundle's content. */
    public String modelSha256;

    public BundleFiles() {}

    /**
     * Reads a bundle folder's files, checking the manifest's format; the checksum and model are
     * checked by {@link ModelBundle#read}.
     */
    public static BundleFiles read(Path folder) throws IOException {
        Path manifestFile = folder.resolve(ModelBundle.MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IOException(
                    folder + ": not a model bundle (no " + ModelBundle.MANIFEST + ")");
        }
        BundleFiles b = new BundleFiles();
        b.source = folder.toString();
        b.manifest = Files.readAllBytes(manifestFile);
        ModelBundle.Manifest m = ModelBundle.manifest(b);
        Path model = folder.resolve(m.modelFile);
        if (!Files.isRegularFile(model)) {
            throw new IOException(folder + ": model file " + m.modelFile + " is missing");
        }
        b.model = Files.readAllBytes(model);
        b.modelSha256 = m.modelSha256;
        return b;
    }

    /** Whether two reads hold the same bundle (same manifest and model). */
    public boolean sameAs(BundleFiles other) {
        return other != null
                && java.util.Arrays.equals(manifest, other.manifest)
                && java.util.Arrays.equals(model, other.model);
    }
}
