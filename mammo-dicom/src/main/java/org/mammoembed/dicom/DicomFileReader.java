package org.mammoembed.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.DicomReader;
import org.mammoembed.core.FrameBuffers;
import org.mammoembed.core.internal.DicomSniffer;
import org.mammoembed.core.ImageMetadata;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Photometric;
import org.mammoembed.core.StoredPixels;
import org.mammoembed.core.VoiAttributes;
import org.mammoembed.dicom.codec.Codecs;
import org.mammoembed.dicom.codec.DecodedFrame;
import org.mammoembed.dicom.codec.FrameDecoder;
import org.mammoembed.dicom.grayscale.ModalityLut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in pure-Java DICOM reader: Part 10 files in any native transfer syntax (implicit/explicit VR little
 * endian, explicit VR big endian, deflated), and encapsulated pixel data through the frame decoders of
 * {@link Codecs}. Immutable and thread-safe. Files are memory-mapped and parsed lazily; lengths are validated
 * against the file size before anything is allocated.
 *
 * <pre>{@code
 * DicomReader reader = DicomFileReader.create();
 * DecodedImage image = reader.read(path);          // frame 0, after the modality LUT
 * }</pre>
 */
public final class DicomFileReader implements DicomReader {
    private static final Logger LOG = LoggerFactory.getLogger(DicomFileReader.class);

    private final Function<String, Optional<FrameDecoder>> decoders;
    private final int maxSamplesPerFrame;
    private final DicomParser parser;
    private final MemoryBudget budget;

    private DicomFileReader(Builder b) {
        this.decoders = b.decoders;
        this.maxSamplesPerFrame = b.maxSamplesPerFrame;
        this.budget = new MemoryBudget(b.memoryBudget);
        // the inflated data set is held in chunks and then once whole: about twice its size at the peak
        this.parser = new DicomParser(b.maxSequenceDepth, (int) Math.min(b.maxInflatedBytes, b.memoryBudget / 2));
    }

    /** A reader with every option at its default. */
    public static DicomFileReader create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean isDicom(Path file) {
        return DicomSniffer.looksLikeDicom(file);
    }

    @Override
    public ImageMetadata readMetadata(Path file) throws MammoException {
        return HeaderReader.metadata(parser.parse(file, true));
    }

    @Override
    public DecodedImage read(Path file, int frame) throws MammoException {
        return read(file, frame, null);
    }

    /**
     * Grayscale frames held as 16-bit words go into {@code buffers}' arrays: native frames of Bits Allocated 16, and
     * the frames our lossless JPEG, JPEG-LS and RLE decoders and OpenCV's JPEG 2000 deliver (the other paths
     * allocate).
     */
    @Override
    public DecodedImage read(Path file, int frame, FrameBuffers buffers) throws MammoException {
        try {
            return decode(file, frame, buffers);
        } catch (OutOfMemoryError e) {
            // the last line of defence: this image's buffers are unreachable once the decode has unwound
            throw new DicomException(org.mammoembed.core.Stage.DECODE, file.getFileName() + ": out of memory while"
                    + " decoding frame " + frame + " (raise -Xmx, or lower the number of workers)");
        }
    }

    private DecodedImage decode(Path file, int frame, FrameBuffers buffers) throws MammoException {
        // the file stays open while it decodes: pixel data (native or fragments) are read from it, not its mapping
        try (FileChannel ch = FileBytes.open(file)) {
            return decode(file, ch, frame, buffers);
        } catch (IOException e) {
            throw FileBytes.cannotRead(file, e); // from close
        }
    }

    private DecodedImage decode(Path file, FileChannel ch, int frame, FrameBuffers buffers) throws MammoException {
        ParsedFile parsed = parser.parse(file, ch, false);
        DicomElement pixelData = parsed.pixelData();
        String name = parsed.fileName();
        if (pixelData == null) {
            throw DicomException.read(name + ": no pixel data element (SOP class "
                    + HeaderText.uid(HeaderReader.metadata(parsed).sopClassUid()) + ")");
        }
        DicomDataSet ds = parsed.dataSet();
        boolean floatPixels = pixelData.tag() != Tag.PIXEL_DATA;
        ImagePixelModule px = ImagePixelModule.of(ds, floatPixels, name);
        if (frame < 0 || frame >= px.frames()) {
            throw DicomException.decode(name + ": frame " + frame + " requested but the file has " + px.frames()
                    + (px.frames() == 1 ? " frame" : " frames") + " (0.." + (px.frames() - 1) + ")");
        }
        if (px.samplesPerFrame() > maxSamplesPerFrame) {
            throw DicomException.decode(name + ": " + px.rows() + "x" + px.columns() + "x" + px.samplesPerPixel()
                    + " samples per frame exceed maxSamplesPerFrame " + maxSamplesPerFrame);
        }
        Photometric photometric = photometric(px, name);
        try (MemoryBudget.Reservation ignored = budget.reserve(MemoryBudget.estimate(px.samplesPerFrame(),
                parsed.encapsulatedPixels(), TransferSyntax.isOneOf(parsed.transferSyntax().uid(),
                        TransferSyntax.JPEG_2000_LOSSLESS_UID, TransferSyntax.JPEG_2000_UID),
                compressedBytes(parsed) / px.frames()), name + ": frame of " + px.rows() + "x" + px.columns() + "x"
                + px.samplesPerPixel())) {
            return decode(parsed, pixelData, px, photometric, frame, ch, buffers);
        }
    }

    /** Compressed bytes of all fragments (divided by the frame count, about one frame's). */
    private static long compressedBytes(ParsedFile parsed) {
        long n = 0;
        if (parsed.fragments() == null) {
            return 0; // native pixel data
        }
        for (ParsedFile.Fragment f : parsed.fragments()) {
            n += f.length();
        }
        return n;
    }

    private DecodedImage decode(ParsedFile parsed, DicomElement pixelData, ImagePixelModule px,
                                Photometric photometric, int frame, FileChannel ch, FrameBuffers buffers)
            throws DicomException {
        String name = parsed.fileName();
        DicomDataSet ds = parsed.dataSet();
        boolean floatPixels = pixelData.tag() != Tag.PIXEL_DATA;
        ImageMetadata metadata = HeaderReader.metadata(parsed);
        VoiAttributes voi = HeaderReader.voi(ds, px.signed(), frame);
        float[] values;
        if (floatPixels) {
            values = floatFrame(parsed, pixelData, px, frame);
            int bad = countNonFinite(values);
            if (bad > 0) {
                throw DicomException.decode(name + ": float pixel data hold " + bad + " NaN or infinite values of "
                        + values.length + "; such an image cannot be windowed or embedded");
            }
        } else {
            ModalityLut lut = photometric.isGrayscale() ? HeaderReader.modalityLut(ds, px.signed(), frame) : null;
            boolean linear = lut != null && lut.lut().isEmpty() && px.samplesPerPixel() == 1
                    && px.bitsStored() <= StoredPixels.MAX_BITS && linearLutStaysFinite(lut, px.bitsStored(),
                    px.signed());
            // words read or decoded into buffers' arrays are kept as the stored pixels, which is what recycles them
            boolean storedWords = linear && px.highBit() <= 15;
            DecodedFrame raw = frameSamples(parsed, pixelData, px, frame, storedWords, ch, buffers);
            if (storedWords && raw.words() != null) {
                // 16-bit words, a native frame's (one bulk copy) or a codec's (lossless JPEG, JPEG-LS, RLE, OpenCV's
                // JPEG 2000): masked as the preprocessing reads them, with no widening or masking pass before
                LOG.debug("{}: decoded frame {} of {} as 16-bit stored words", name, frame, px.frames());
                return DecodedImage.ofStored(px.rows(), px.columns(), StoredPixels.ofWords(raw.words(),
                        px.bitsStored(), px.highBit(), px.signed(), lut.slope(), lut.intercept()), photometric,
                        metadata, voi);
            }
            int[] samples = storedSamples(raw, px);
            if (photometric.isGrayscale()) {
                if (linear) {
                    // the integers as they are: preprocessing ranks and windows them without a float image
                    LOG.debug("{}: decoded frame {} of {} as stored integers", name, frame, px.frames());
                    return DecodedImage.ofStored(px.rows(), px.columns(), new StoredPixels(samples,
                            px.bitsStored(), px.signed(), lut.slope(), lut.intercept()), photometric, metadata, voi);
                }
                values = lut.apply(samples, px.signed());
                int bad = countNonFinite(values);
                if (bad > 0) {
                    // refused here, so that inspect and embed agree (the preprocessing refuses them too)
                    throw DicomException.decode(name + ": the modality LUT (" + lut + ") maps " + bad + " of "
                            + values.length + " stored values to infinite or NaN values (beyond float32)");
                }
            } else {
                values = ModalityLut.identity().apply(samples, px.signed());
            }
        }
        LOG.debug("{}: decoded frame {} of {} ({}x{}x{}, {})", name, frame, px.frames(), px.rows(), px.columns(),
                px.samplesPerPixel(), parsed.transferSyntax().uid());
        return DecodedImage.wrap(px.rows(), px.columns(), px.samplesPerPixel(), values, photometric, metadata, voi);
    }

    /**
     * One frame's samples as the codec (or the native pixel data) holds them, their count checked.
     *
     * @param storedWords a frame of one sample per pixel is wanted as 16-bit words, to be kept as the image's
     *                    stored pixels (so recycled): read so from a native frame of Bits Allocated 16, and
     *                    decoded so by a codec into {@code buffers}
     * @param file        the open file, from which native words and compressed fragments are read when it is
     *                    mapped
     * @param buffers     where such words go (null: new arrays)
     */
    private DecodedFrame frameSamples(ParsedFile parsed, DicomElement pixelData, ImagePixelModule px, int frame,
                                      boolean storedWords, FileChannel file, FrameBuffers buffers)
            throws DicomException {
        TransferSyntax ts = parsed.transferSyntax();
        String name = parsed.fileName();
        FileChannel mapped = parsed.mappedFile() ? file : null;
        if (!parsed.encapsulatedPixels()) {
            if (ts.encapsulated()) {
                throw DicomException.decode(name + ": transfer syntax " + ts.describe()
                        + " needs encapsulated pixel data but Pixel Data has a defined length");
            }
            DicomDataSet ds = parsed.dataSet();
            if (storedWords && px.bitsAllocated() == 16) {
                return DecodedFrame.ofWords(NativeFrameReader.readWords16(ds.buffer(), mapped, pixelData.offset(),
                        pixelData.length(), ds.order(), px, frame, name, buffers), px.photometric());
            }
            return new DecodedFrame(NativeFrameReader.readFrame(ds.buffer(), pixelData.offset(), pixelData.length(),
                    ds.order(), pixelData.vr(), px, frame, name), px.photometric());
        }
        if (!ts.encapsulated()) {
            throw DicomException.decode(name + ": pixel data are encapsulated but the transfer syntax "
                    + ts.describe() + " is native");
        }
        FrameDecoder decoder = decoders.apply(ts.uid()).orElseThrow(() -> DicomException.decode(name
                + ": cannot decode pixel data in transfer syntax " + ts.describe() + ": no decoder available"));
        byte[] compressed = EncapsulatedFrames.frame(parsed, frame, px.frames(), mapped);
        DecodedFrame decoded;
        try {
            decoded = decoder.decode(compressed, px.pixelFormat(), ts.uid(), storedWords ? buffers : null);
        } catch (RuntimeException e) {
            // a decoder bug or an image library's unchecked error must still end as this file's failure
            throw new DicomException(org.mammoembed.core.Stage.DECODE, name + ": the " + ts.name()
                    + " decoder failed on frame " + frame + ": " + e, e);
        }
        if (decoded == null || decoded.sampleCount() != px.samplesPerFrame()) {
            throw DicomException.decode(name + ": the " + ts.name() + " decoder returned "
                    + (decoded == null ? "nothing" : decoded.sampleCount() + " samples") + " for a " + px.rows()
                    + "x" + px.columns() + "x" + px.samplesPerPixel() + " frame");
        }
        return decoded;
    }

    /** Stored values of one frame: masked to Bits Stored, sign-extended, YBR converted to RGB. */
    private static int[] storedSamples(DecodedFrame raw, ImagePixelModule px) {
        int[] samples = raw.samples();
        String colourSpace = raw.photometric() == null ? px.photometric() : raw.photometric().trim();
        SampleNormalizer.normalize(samples, px.bitsAllocated(), px.bitsStored(), px.highBit(), px.signed());
        if (px.samplesPerPixel() == 3 && (colourSpace.equals("YBR_FULL") || colourSpace.equals("YBR_FULL_422"))) {
            YbrToRgb.convert(samples, px.bitsStored());
        }
        return samples;
    }

    /**
     * Whether a linear modality LUT maps every value Bits Stored allows to a finite float32: if not, the image
     * takes the float path, where the values actually present are checked (so inspect and embed agree).
     */
    private static boolean linearLutStaysFinite(ModalityLut lut, int bitsStored, boolean signed) {
        long lo = signed ? -(1L << (bitsStored - 1)) : 0;
        long hi = signed ? (1L << (bitsStored - 1)) - 1 : (1L << bitsStored) - 1;
        return Float.isFinite((float) (lut.slope() * lo + lut.intercept()))
                && Float.isFinite((float) (lut.slope() * hi + lut.intercept()));
    }

    private static int countNonFinite(float[] values) {
        int bad = 0;
        for (float v : values) {
            if (!Float.isFinite(v)) {
                bad++;
            }
        }
        return bad;
    }

    private static float[] floatFrame(ParsedFile parsed, DicomElement pixelData, ImagePixelModule px, int frame)
            throws DicomException {
        int size = pixelData.tag() == Tag.DOUBLE_FLOAT_PIXEL_DATA ? 8 : 4;
        long start = (long) px.samplesPerFrame() * size * frame;
        long end = start + (long) px.samplesPerFrame() * size;
        if (pixelData.length() < 0 || end > pixelData.length()) {
            throw DicomException.decode(parsed.fileName() + ": float pixel data hold " + pixelData.length()
                    + " bytes but frame " + frame + " needs bytes up to " + end);
        }
        ByteBuffer b = parsed.dataSet().buffer().duplicate().order(parsed.dataSet().order());
        int at = pixelData.offset() + (int) start;
        float[] out = new float[px.samplesPerFrame()];
        for (int i = 0; i < out.length; i++) {
            out[i] = size == 8 ? (float) b.getDouble(at + 8 * i) : b.getFloat(at + 4 * i);
        }
        return out;
    }

    private static Photometric photometric(ImagePixelModule px, String name) throws DicomException {
        Photometric p;
        try {
            p = Photometric.fromDicom(px.photometric());
        } catch (IllegalArgumentException e) {
            throw DicomException.decode(name + ": unsupported photometric interpretation "
                    + HeaderText.photometric(px.photometric()));
        }
        boolean colour = p == Photometric.RGB;
        if (colour != (px.samplesPerPixel() == 3)) {
            throw DicomException.decode(name + ": photometric interpretation " + HeaderText.photometric(px.photometric())
                    + " does not fit "
                    + px.samplesPerPixel() + " samples per pixel");
        }
        return p;
    }

    /** Options of a {@link DicomFileReader}; {@code builder().build()} gives the defaults. */
    public static final class Builder {
        private Function<String, Optional<FrameDecoder>> decoders = Codecs::find;
        private int maxSequenceDepth = 32;
        private int maxInflatedBytes = 1 << 30;
        private int maxSamplesPerFrame = 1 << 28;
        private long memoryBudget = Runtime.getRuntime().maxMemory() / 2;

        private Builder() {
        }

        /**
         * Where frame decoders for encapsulated transfer syntaxes come from, by transfer syntax UID.
         * Default: {@link Codecs#find}.
         */
        public Builder decoders(Function<String, Optional<FrameDecoder>> decoders) {
            this.decoders = Objects.requireNonNull(decoders, "decoders");
            return this;
        }

        /** How deeply sequences may nest before a file is refused. Default: 32; at least 1. */
        public Builder maxSequenceDepth(int maxSequenceDepth) {
            if (maxSequenceDepth < 1) {
                throw new IllegalArgumentException("maxSequenceDepth must be at least 1: " + maxSequenceDepth);
            }
            this.maxSequenceDepth = maxSequenceDepth;
            return this;
        }

        /** Largest inflated size of a Deflated Explicit VR data set. Default: 1 GiB (2^30); at least 1 KiB. */
        public Builder maxInflatedBytes(int maxInflatedBytes) {
            if (maxInflatedBytes < 1024) {
                throw new IllegalArgumentException("maxInflatedBytes must be at least 1024: " + maxInflatedBytes);
            }
            this.maxInflatedBytes = maxInflatedBytes;
            return this;
        }

        /**
         * Largest frame (rows * columns * samples) the reader decodes; bounds memory for compressed frames whose
         * header claims a huge image. Default: 2^28; at least 1.
         */
        public Builder maxSamplesPerFrame(int maxSamplesPerFrame) {
            if (maxSamplesPerFrame < 1) {
                throw new IllegalArgumentException("maxSamplesPerFrame must be at least 1: " + maxSamplesPerFrame);
            }
            this.maxSamplesPerFrame = maxSamplesPerFrame;
            return this;
        }

        /**
         * Heap, in bytes, that images being decoded at once may hold, shared by all threads using this reader.
         * Before decoding, an image reserves what its header implies (about 8 bytes per sample for native data, 12
         * for JPEG, JPEG-LS and RLE, 20 for JPEG 2000, plus the compressed frame): one that needs more than the
         * whole budget is refused (stage DECODE) before anything is allocated; one that fits waits while other
         * threads hold the budget, so several workers take turns on detector-sized images instead of exhausting
         * the heap together. The inflated size of a deflated data set is bounded by half the budget too.
         * Default: half the maximum heap ({@code Runtime.maxMemory() / 2}); at least 1 MiB.
         */
        public Builder memoryBudget(long bytes) {
            if (bytes < (1 << 20)) {
                throw new IllegalArgumentException("memoryBudget must be at least 1048576 bytes: " + bytes);
            }
            this.memoryBudget = bytes;
            return this;
        }

        public DicomFileReader build() {
            return new DicomFileReader(this);
        }
    }
}
