package org.mammoembed.embed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Where the ONNX model comes from: a file or bytes in memory (e.g. {@link OnnxModels}). */
abstract sealed class ModelSource {

    static ModelSource of(Path file) {
        return new FromFile(Objects.requireNonNull(file, "model"));
    }

    static ModelSource of(byte[] bytes) {
        return new FromBytes(Objects.requireNonNull(bytes, "model").clone());
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

        FromBytes(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        String describe() {
            return "in-memory model (" + bytes.length + " bytes)";
        }

        @Override
        void check() throws ModelException {
            if (bytes.length == 0) {
                throw new ModelException("model bytes are empty");
            }
        }
    }
}
