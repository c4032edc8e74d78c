package org.mammoembed.embed;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;
import org.mammoembed.dicom.DicomException;

/**
 * A test double of the DICOM reader that behaves by file name: {@code img-<seed>.dcm} decodes to a synthetic
 * 48x40 image (view CC or MLO, laterality L or R from the seed); {@code slow-<seed>.dcm} too, after sleeping
 * {@code seed % 7 * 10} ms; {@code badread-*} fails at READ, {@code baddecode-*} at DECODE, {@code crash-*}
 * throws an unchecked exception (a reader bug), {@code badpre-*} decodes to an image the
 * {@link NearestPreprocessor} refuses. Counts images read and not yet released, to check memory bounds.
 */
final class SyntheticReader extends ReadingOnlyReader {
    final AtomicInteger reads = new AtomicInteger();

    @Override
    public DecodedImage read(Path file, int frame) throws MammoException {
        reads.incrementAndGet();
        String name = file.getFileName().toString();
        String kind = name.substring(0, name.indexOf('-'));
        long seed = Long.parseLong(name.substring(name.indexOf('-') + 1, name.indexOf('.')));
        switch (kind) {
            case "badread":
                throw DicomException.read("test: truncated header at offset 132");
            case "baddecode":
                throw DicomException.decode("test: cannot decode transfer syntax 1.2.3");
            case "crash":
                throw new IllegalStateException("test: reader bug");
            case "slow":
                sleep(seed % 7 * 10);
                return imageFor(seed);
            case "badpre":
                return withFirstPixel(seed, -1);
            case "img":
                return imageFor(seed);
            default:
                throw new MammoException(Stage.READ, "test: unknown name " + name);
        }
    }

    /** The image {@code img-<seed>.dcm} decodes to. */
    static DecodedImage imageFor(long seed) {
        return TestImages.image(seed, 48, 40, seed % 2 == 0 ? "CC" : "MLO", seed % 3 == 0 ? "L" : "R");
    }

    /** {@link #imageFor} with its first pixel set to {@code value} (negative: refused by NearestPreprocessor). */
    static DecodedImage withFirstPixel(long seed, float value) {
        DecodedImage image = imageFor(seed);
        float[] px = image.pixels();
        px[0] = value;
        return new DecodedImage(image.rows(), image.columns(), image.samplesPerPixel(), px, image.photometric(),
                image.metadata(), image.voi());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
