package org.mammoembed.embed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import org.mammoembed.core.ModelIdentity;

/** Where the ONNX model comes from: a file or bytes in memory (e.g. {@link OnnxModels}). */
abstract sealed class ModelSource {

    static ModelSource of(Path file) {
        return new FromFile(Objects.requireNonNull(file, "model"));
    }

    static ModelSource of(byte[] bytes) {
        return new FromBytes(Objects.requireNonNull(bytes, "model").clone(), "", null);
    }

    /** A built-in random-weight network: its identity is data (name and seed), not a sentence. */
    static ModelSource builtIn(String name, long seed, byte[] bytes) {
        return new FromBytes(bytes, name, seed);
    }

    /** SHA-256 of the model bytes, lower-case hex (read once, for cache keys and provenance). */
    abstract String sha256() throws ModelException;

    /** The identity of this model with the signature ORT reported and its {@link #sha256()}. */
    final ModelIdentity identity(ModelSignature sig, String sha256) {
        List<Long> in = List.of(sig.batch(), sig.channels(), sig.height(), sig.width());
        List<Long> out = List.of(-1L, (long) sig.dimension());
        if (this instanceof FromFile f) {
            return new ModelIdentity("file", f.file.toString(), "file", null, sha256, sig.inputName(), in,
                    sig.outputName(), out);
        }
        FromBytes b = (FromBytes) this;
        return b.seed == null
                ? new ModelIdentity("bytes", "", "file", null, sha256, sig.inputName(), in, sig.outputName(), out)
                : new ModelIdentity("built-in", b.name, "random", b.seed, sha256, sig.inputName(), in,
                        sig.outputName(), out);
    }

    static String hex(byte[] digest) {
        return java.util.HexFormat.of().formatHex(digest);
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** For messages and provenance: the file name, or "in-memory model (N bytes)". */
    abstract String describe();

    /** Fails with a clear message before ORT sees an obviously wrong source. */
    abstract void check() throws ModelException;

    static final class FromFile extends ModelSource {
        final Path file;

        FromFile(Path file) {
            this.file = file;
        }

        @Override
        String describe() {
            return file.toString();
        }

        @Override
        String sha256() throws ModelException {
            MessageDigest md = sha256Digest();
            byte[] buf = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new ModelException("hashing of " + file + " cancelled");
                    }
                    md.update(buf, 0, n);
                }
            } catch (IOException e) {
                throw new ModelException("cannot read model file " + file.toAbsolutePath() + ": " + e.getMessage());
            }
            return hex(md.digest());
        }

        @Override
        void check() throws ModelException {
            if (!Files.isRegularFile(file)) {
                throw new ModelException("model file not found: " + file.toAbsolutePath());
            }
            if (!Files.isReadable(file)) {
                throw new ModelException("model file is not readable: " + file.toAbsolutePath());
            }
        }
    }

    static final class FromBytes extends ModelSource {
        final byte[] bytes;
        final String name;
        final Long seed;

        FromBytes(byte[] bytes, String name, Long seed) {
            this.bytes = bytes;
            this.name = name;
            this.seed = seed;
        }

        @Override
        String describe() {
            return seed != null ? "built-in " + name + " (random weights, seed " + seed + ")"
                    : "in-memory model (" + bytes.length + " bytes)";
        }

        @Override
        String sha256() {
            return hex(sha256Digest().digest(bytes));
        }

        @Override
        void check() throws ModelException {
            if (bytes.length == 0) {
                throw new ModelException("model bytes are empty");
            }
        }
    }
}
