package org.mammoembed.dicom.raster;

import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.ImageMetadata;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Photometric;
import org.mammoembed.core.Stage;
import org.mammoembed.core.VoiAttributes;

/**
 * Reads image exports of mammograms, 8- or 16-bit PNG ({@link #png()}, the JDK's ImageIO reader) or TIFF
 * ({@link #tiff()}, TwelveMonkeys imageio-tiff: uncompressed, LZW, Deflate, PackBits; every page a frame), as
 * many public datasets ship them. Values come out as stored (no modality LUT, no VOI): grey as
 * {@link Photometric#MONOCHROME2}, colour as {@link Photometric#RGB}; an alpha channel is dropped. The metadata
 * hold the size, samples and bit depth; DICOM-only fields (SOP class, view, laterality...) are null.
 * Immutable and thread-safe: each call opens its own ImageIO reader.
 */
public final class RasterImageReader implements org.mammoembed.core.ImageReader {
    /** Largest image accepted, in samples (a 2^14 x 2^14 grey image), checked before any pixel is read. */
    static final long MAX_SAMPLES = 1L << 28;
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final Format format;

    enum Format {
        PNG("png"), TIFF("tiff");

        final String imageIoName;

        Format(String imageIoName) {
            this.imageIoName = imageIoName;
        }

        boolean matches(byte[] head, int n) {
            if (this == PNG) {
                return n >= PNG_MAGIC.length && Arrays.equals(head, 0, PNG_MAGIC.length, PNG_MAGIC, 0,
                        PNG_MAGIC.length);
            }
            // classic TIFF (42) and BigTIFF (43), little or big endian
            return n >= 4 && (head[0] == 'I' && head[1] == 'I' && (head[2] == 42 || head[2] == 43) && head[3] == 0
                    || head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43));
        }
    }

    private RasterImageReader(Format format) {
        this.format = format;
    }

    /** A reader of PNG files (8 or 16 bits per sample). */
    public static RasterImageReader png() {
        return new RasterImageReader(Format.PNG);
    }

    /** A reader of TIFF files (8 or 16 bits per sample; each page a frame). */
    public static RasterImageReader tiff() {
        return new RasterImageReader(Format.TIFF);
    }

    @Override
    public boolean isImage(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        byte[] head = new byte[PNG_MAGIC.length];
        try (InputStream in = Files.newInputStream(file)) {
            return format.matches(head, in.readNBytes(head, 0, head.length));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public ImageMetadata readMetadata(Path file) throws MammoException {
        return withReader(file, (r, name) -> metadata(r, 0, name));
    }

    @Override
    public DecodedImage read(Path file, int frame) throws MammoException {
        return withReader(file, (r, name) -> {
            int frames = r.getNumImages(true);
            if (frame < 0 || frame >= frames) {
                throw new MammoException(Stage.DECODE, name + ": frame " + frame + " requested but the file has "
                        + frames + (frames == 1 ? " frame" : " frames"));
            }
            ImageMetadata meta = metadata(r, frame, name);
            java.awt.image.BufferedImage image = r.read(frame, null);
            if (image.getColorModel() instanceof java.awt.image.IndexColorModel) {
                throw new MammoException(Stage.DECODE, name + ": palette (indexed colour) images are not supported");
            }
            Raster raster = image.getRaster();
            int w = raster.getWidth();
            int h = raster.getHeight();
            int bands = raster.getNumBands();
            int kept = meta.samplesPerPixel();
            float[] all = raster.getPixels(raster.getMinX(), raster.getMinY(), w, h, (float[]) null);
            float[] px = all;
            if (kept != bands) {
                px = new float[w * h * kept];
                for (int i = 0, s = 0, d = 0; i < w * h; i++, s += bands, d += kept) {
                    System.arraycopy(all, s, px, d, kept);
                }
            }
            return DecodedImage.wrap(h, w, kept, px, kept == 1 ? Photometric.MONOCHROME2 : Photometric.RGB, meta,
                    VoiAttributes.NONE);
        });
    }

    @Override
    public String toString() {
        return "RasterImageReader[" + format.imageIoName + "]";
    }

    private interface ReaderCall<T> {
        T apply(ImageReader reader, String name) throws IOException, MammoException;
    }

    private <T> T withReader(Path file, ReaderCall<T> call) throws MammoException {
        String name = String.valueOf(file.getFileName());
        if (!isImage(file)) {
            throw new MammoException(Stage.READ, name + " is not a " + format.imageIoName.toUpperCase(Locale.ROOT)
                    + " file (no " + format.imageIoName.toUpperCase(Locale.ROOT) + " signature)");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader r = null;
            while (readers.hasNext() && r == null) {
                ImageReader candidate = readers.next();
                if (Arrays.stream(candidate.getOriginatingProvider().getFormatNames())
                        .anyMatch(f -> f.equalsIgnoreCase(format.imageIoName))) {
                    r = candidate;
                }
            }
            if (r == null) {
                throw new MammoException(Stage.DECODE, name + ": no ImageIO reader for "
                        + format.imageIoName + " on the class path");
            }
            try {
                r.setInput(in, false, true);
                return call.apply(r, name);
            } finally {
                r.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // ImageIO reports corrupt data as IIOException, and some plugins as unchecked exceptions
            throw new MammoException(Stage.READ, name + ": cannot read the " + format.imageIoName + " data: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    private ImageMetadata metadata(ImageReader r, int frame, String name) throws IOException, MammoException {
        int w = r.getWidth(frame);
        int h = r.getHeight(frame);
        javax.imageio.ImageTypeSpecifier type = r.getRawImageType(frame);
        if (type == null) {
            type = r.getImageTypes(frame).next();
        }
        int bands = type.getSampleModel().getNumBands();
        int bits = type.getSampleModel().getSampleSize(0);
        boolean alpha = type.getColorModel() != null && type.getColorModel().hasAlpha();
        int kept = alpha ? bands - 1 : bands;
        if (kept != 1 && kept != 3) {
            throw new MammoException(Stage.DECODE, name + ": " + bands + " samples per pixel"
                    + (alpha ? " with alpha" : "") + "; expected grey or RGB");
        }
        if ((long) w * h * bands > MAX_SAMPLES) {
            throw new MammoException(Stage.READ, name + ": " + w + "x" + h + "x" + bands + " samples exceed the "
                    + MAX_SAMPLES + " a reader accepts");
        }
        int bitsAllocated = bits <= 8 ? 8 : bits <= 16 ? 16 : 32;
        return new ImageMetadata(null, null, h, w, r.getNumImages(true), kept, bitsAllocated, bits, 0,
                kept == 1 ? "MONOCHROME2" : "RGB", null, null, null, null, null, Optional.empty(), Map.of());
    }
}
