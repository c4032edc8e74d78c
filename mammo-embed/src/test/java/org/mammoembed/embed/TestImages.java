package org.mammoembed.embed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.mammoembed.core.BiRadsDensity;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.ImageMetadata;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.Photometric;
import org.mammoembed.core.VoiAttributes;
import org.mammoembed.io.NpyFormatException;
import org.mammoembed.io.NpyReader;
import org.mammoembed.io.NpyReader.NpyArray;

/** Synthetic images, records and the committed tiny models for the engine tests. */
final class TestImages {
    /** Height and width of the tiny fixture models (see src/test/python/make_test_models.py). */
    static final int TINY_SIZE = 32;

    private TestImages() {
    }

    /** A committed fixture model's bytes, e.g. {@code tiny_backbone.onnx}. */
    static byte[] model(String name) {
        return resource("models/" + name);
    }

    /** A test resource of this package, e.g. {@code models/tiny_backbone.onnx}. */
    static byte[] resource(String path) {
        try (InputStream in = TestImages.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NpyArray npy(String name) throws NpyFormatException {
        return NpyReader.parse(name, model(name));
    }

    /** A 12-bit-like grey image of rows x columns with pseudo-random content from {@code seed}. */
    static DecodedImage image(long seed, int rows, int columns, String view, String laterality) {
        Random r = new Random(seed);
        float[] px = new float[rows * columns];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) Math.floor(r.nextDouble() * 4096);
        }
        return new DecodedImage(rows, columns, 1, px, Photometric.MONOCHROME2, metadata(rows, columns, view,
                laterality), voi());
    }

    static ImageMetadata metadata(int rows, int columns, String view, String laterality) {
        return new ImageMetadata("1.2.840.10008.5.1.4.1.1.1.2", "MG", rows, columns, 1, 1, 16, 12, 0, "MONOCHROME2",
                "1.2.840.10008.1.2.1", laterality, view, "FOR PRESENTATION", "TEST", Optional.empty(), Map.of());
    }

    static VoiAttributes voi() {
        return VoiAttributes.NONE;
    }

    /**
     * A dataset of {@link #records} under {@code root}, each file created (one byte: the tests' readers go by name),
     * so that reads confined to the root find them.
     */
    static Dataset datasetOnDisk(Path root, String... names) throws IOException {
        Files.createDirectories(root);
        List<ImageRecord> records = records(root, names);
        for (ImageRecord r : records) {
            Files.createDirectories(r.path().getParent());
            Files.write(r.path(), new byte[] {1});
        }
        return new Dataset(root, records, List.of());
    }

    /** Records named {@code <prefix><i>.dcm} under a fake root, one exam per 4 images. */
    static List<ImageRecord> records(Path root, String... names) {
        List<ImageRecord> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String acc = "ACC" + (i / 4);
            String rel = acc + "/" + names[i];
            out.add(new ImageRecord(acc, BiRadsDensity.values()[i % 4], root.resolve(rel), rel, Map.of()));
        }
        return out;
    }
}
