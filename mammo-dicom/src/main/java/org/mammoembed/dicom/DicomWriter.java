package org.mammoembed.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes DICOM Part 10 files (PS3.10) from {@link DicomAttributes}. Immutable and thread-safe once built.
 *
 * <pre>{@code
 * DicomAttributes a = new DicomAttributes()
 *         .setString(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.1.2")
 *         .setString(Tag.MODALITY, Vr.CS, "MG");
 * NativePixels.grayscale(rows, cols, 16, 12, false, "MONOCHROME2", values).writeTo(a);
 * DicomWriter.builder().build().write(path, a);
 * }</pre>
 *
 * The file meta group (always explicit VR little endian) is made from the data set: Media Storage SOP Class and
 * Instance UID from (0008,0016)/(0008,0018) (Secondary Capture, and a fresh random UUID-derived UID for each file
 * when absent), the transfer syntax, and this implementation's class UID.
 */
public final class DicomWriter {
    private static final BigInteger UNSIGNED_64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    /**
     * The implementation class UID written in the file meta group: a UUID-derived UID under the 2.25 root
     * (PS3.5 B.2), from a name-based UUID so that it is the same in every build without an organisation root.
     */
    public static final String IMPLEMENTATION_CLASS_UID =
            uuidUid(UUID.nameUUIDFromBytes("org.mammoembed:mammo-dicom:DicomWriter".getBytes(StandardCharsets.UTF_8)));
    private static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";

    private final TransferSyntax transferSyntax;
    private final boolean preamble;
    private final boolean fileMetaInformation;
    private final boolean undefinedLengthSequences;

    private DicomWriter(Builder b) {
        this.transferSyntax = b.transferSyntax;
        this.preamble = b.preamble;
        this.fileMetaInformation = b.fileMetaInformation;
        this.undefinedLengthSequences = b.undefinedLengthSequences;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The transfer syntax the data set is written in. */
    public TransferSyntax transferSyntax() {
        return transferSyntax;
    }

    /** Writes the file, replacing it if it exists. */
    public void write(Path file, DicomAttributes attributes) throws IOException {
        Files.write(file, encode(attributes));
    }

    /** The bytes of the whole file. */
    public byte[] encode(DicomAttributes attributes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        if (preamble) {
            out.writeBytes(new byte[128]);
        }
        if (fileMetaInformation) {
            out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(fileMetaGroup(attributes));
        }
        ElementEncoder body = new ElementEncoder(transferSyntax.explicitVr(), transferSyntax.bigEndian(),
                undefinedLengthSequences);
        byte[] dataSet = body.encode(attributes);
        if (transferSyntax.deflated()) {
            dataSet = deflate(dataSet);
        }
        out.writeBytes(dataSet);
        return out.toByteArray();
    }

    private byte[] fileMetaGroup(DicomAttributes attributes) {
        String sopClass = Objects.requireNonNullElse(attributes.getString(Tag.SOP_CLASS_UID), SECONDARY_CAPTURE);
        String sopInstance = Objects.requireNonNullElseGet(attributes.getString(Tag.SOP_INSTANCE_UID),
                () -> uuidUid(UUID.randomUUID()));
        DicomAttributes meta = new DicomAttributes()
                .setBytes(Tag.FILE_META_VERSION, Vr.OB, new byte[] {0, 1})
                .setString(Tag.MEDIA_STORAGE_SOP_CLASS_UID, Vr.UI, sopClass)
                .setString(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID, Vr.UI, sopInstance)
                .setString(Tag.TRANSFER_SYNTAX_UID, Vr.UI, transferSyntax.uid())
                .setString(Tag.IMPLEMENTATION_CLASS_UID, Vr.UI, IMPLEMENTATION_CLASS_UID)
                .setString(Tag.IMPLEMENTATION_VERSION_NAME, Vr.SH, "MAMMOEMBED");
        ElementEncoder enc = new ElementEncoder(true, false, false);
        byte[] group = enc.encode(meta);
        byte[] length = enc.encode(new DicomAttributes().setInts(Tag.FILE_META_GROUP_LENGTH, Vr.UL, group.length));
        byte[] all = new byte[length.length + group.length];
        System.arraycopy(length, 0, all, 0, length.length);
        System.arraycopy(group, 0, all, length.length, group.length);
        return all;
    }

    /** "2.25." and the UUID's 128 bits as an unsigned decimal integer (PS3.5 B.2): at most 44 characters. */
    static String uuidUid(UUID uuid) {
        BigInteger high = BigInteger.valueOf(uuid.getMostSignificantBits()).and(UNSIGNED_64);
        BigInteger low = BigInteger.valueOf(uuid.getLeastSignificantBits()).and(UNSIGNED_64);
        return "2.25." + high.shiftLeft(64).or(low);
    }

    private static byte[] deflate(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length / 2 + 64);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try (DeflaterOutputStream d = new DeflaterOutputStream(bytes, deflater)) {
            d.write(data);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory deflate failed", e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    /** Options of a {@link DicomWriter}; every option has a default, so {@code builder().build()} works. */
    public static final class Builder {
        private TransferSyntax transferSyntax = TransferSyntax.explicitVrLittleEndian();
        private boolean preamble = true;
        private boolean fileMetaInformation = true;
        private boolean undefinedLengthSequences;

        private Builder() {
        }

        /**
         * The data set encoding. Default: Explicit VR Little Endian. Allowed: Implicit VR Little Endian, Explicit
         * VR Little Endian, Deflated Explicit VR Little Endian, Explicit VR Big Endian, or any encapsulated syntax
         * (then Pixel Data must be set with {@link DicomAttributes#setEncapsulatedPixelData}).
         */
        public Builder transferSyntax(String uid) {
            TransferSyntax ts = TransferSyntax.of(uid);
            if (!ts.isKnown()) {
                throw new IllegalArgumentException("transferSyntax: unknown UID '" + uid + "'");
            }
            this.transferSyntax = ts;
            return this;
        }

        /** Whether to write the 128-byte preamble before "DICM". Default: true. */
        public Builder preamble(boolean preamble) {
            this.preamble = preamble;
            return this;
        }

        /**
         * Whether to write "DICM" and the file meta group. Default: true. Without it (legacy files, used for
         * tests) readers have to guess the encoding, so only Implicit VR Little Endian is allowed.
         */
        public Builder fileMetaInformation(boolean fileMetaInformation) {
            this.fileMetaInformation = fileMetaInformation;
            return this;
        }

        /** Whether sequences and items get undefined lengths and delimiters. Default: false (explicit lengths). */
        public Builder undefinedLengthSequences(boolean undefinedLengthSequences) {
            this.undefinedLengthSequences = undefinedLengthSequences;
            return this;
        }

        public DicomWriter build() {
            if (!fileMetaInformation && !TransferSyntax.IMPLICIT_VR_LE_UID.equals(transferSyntax.uid())) {
                throw new IllegalArgumentException("fileMetaInformation: false needs transferSyntax "
                        + TransferSyntax.IMPLICIT_VR_LE_UID + ", not " + transferSyntax.uid());
            }
            return new DicomWriter(this);
        }
    }

    /** Encodes data elements in one byte order and VR mode. */
    private static final class ElementEncoder {
        private static final int UNDEFINED = 0xFFFFFFFF;
        private final boolean explicitVr;
        private final boolean bigEndian;
        private final boolean undefinedLengths;

        ElementEncoder(boolean explicitVr, boolean bigEndian, boolean undefinedLengths) {
            this.explicitVr = explicitVr;
            this.bigEndian = bigEndian;
            this.undefinedLengths = undefinedLengths;
        }

        byte[] encode(DicomAttributes attributes) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (DicomAttributes.Entry e : attributes.entries()) {
                writeElement(out, e);
            }
            return out.toByteArray();
        }

        private void writeElement(ByteArrayOutputStream out, DicomAttributes.Entry e) {
            Object value = e.value();
            if (value instanceof List<?> items) {
                writeSequence(out, e.tag(), items);
                return;
            }
            if (value instanceof DicomAttributes.Fragments fragments) {
                writeHeader(out, e.tag(), Vr.OB, UNDEFINED);
                writeItem(out, fragments.basicOffsetTable());
                for (byte[] f : fragments.fragments()) {
                    writeItem(out, f);
                }
                writeTag(out, Tag.SEQUENCE_DELIMITATION);
                writeInt(out, 0);
                return;
            }
            byte[] bytes = valueBytes(e.vr(), value);
            writeHeader(out, e.tag(), e.vr(), bytes.length + (bytes.length & 1));
            out.writeBytes(bytes);
            if ((bytes.length & 1) == 1) {
                out.write(e.vr().paddingByte());
            }
        }

        private void writeItem(ByteArrayOutputStream out, byte[] data) {
            writeTag(out, Tag.ITEM);
            writeInt(out, data.length + (data.length & 1));
            out.writeBytes(data);
            if ((data.length & 1) == 1) {
                out.write(0);
            }
        }

        private void writeSequence(ByteArrayOutputStream out, int tag, List<?> items) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            for (Object item : items) {
                byte[] itemBytes = encode((DicomAttributes) item);
                writeTag(content, Tag.ITEM);
                writeInt(content, undefinedLengths ? UNDEFINED : itemBytes.length);
                content.writeBytes(itemBytes);
                if (undefinedLengths) {
                    writeTag(content, Tag.ITEM_DELIMITATION);
                    writeInt(content, 0);
                }
            }
            if (undefinedLengths) {
                writeTag(content, Tag.SEQUENCE_DELIMITATION);
                writeInt(content, 0);
            }
            writeHeader(out, tag, Vr.SQ, undefinedLengths ? UNDEFINED : content.size());
            out.writeBytes(content.toByteArray());
        }

        private byte[] valueBytes(Vr vr, Object value) {
            if (value instanceof String s) {
                return s.getBytes(vr == Vr.UC || vr == Vr.UT || vr == Vr.LO || vr == Vr.LT || vr == Vr.PN
                        || vr == Vr.SH || vr == Vr.ST ? StandardCharsets.ISO_8859_1 : StandardCharsets.US_ASCII);
            }
            if (value instanceof int[] ints) {
                int size = vr.numberSize();
                ByteArrayOutputStream b = new ByteArrayOutputStream(ints.length * size);
                for (int v : ints) {
                    writeNumber(b, v, size);
                }
                return b.toByteArray();
            }
            if (value instanceof double[] doubles) {
                ByteArrayOutputStream b = new ByteArrayOutputStream(doubles.length * 8);
                for (double d : doubles) {
                    if (vr == Vr.FL) {
                        writeNumber(b, Float.floatToRawIntBits((float) d), 4);
                    } else {
                        long bits = Double.doubleToRawLongBits(d);
                        if (bigEndian) {
                            writeNumber(b, (int) (bits >>> 32), 4);
                            writeNumber(b, (int) bits, 4);
                        } else {
                            writeNumber(b, (int) bits, 4);
                            writeNumber(b, (int) (bits >>> 32), 4);
                        }
                    }
                }
                return b.toByteArray();
            }
            byte[] raw = (byte[]) value;
            int size = vr.numberSize();
            if (!bigEndian || size <= 1) {
                return raw;
            }
            byte[] swapped = raw.clone();
            for (int i = 0; i + size <= swapped.length; i += size) {
                for (int k = 0; k < size / 2; k++) {
                    byte t = swapped[i + k];
                    swapped[i + k] = swapped[i + size - 1 - k];
                    swapped[i + size - 1 - k] = t;
                }
            }
            return swapped;
        }

        private void writeHeader(ByteArrayOutputStream out, int tag, Vr vr, int length) {
            writeTag(out, tag);
            if (!explicitVr) {
                writeInt(out, length);
                return;
            }
            out.write(vr.name().charAt(0));
            out.write(vr.name().charAt(1));
            if (vr.hasLongLength()) {
                out.write(0);
                out.write(0);
                writeInt(out, length);
            } else {
                if (Integer.compareUnsigned(length, 0xFFFF) > 0) {
                    throw new IllegalArgumentException("value of " + Tag.format(tag) + " (VR " + vr + ") is "
                            + length + " bytes, more than a 16-bit length allows");
                }
                writeNumber(out, length, 2);
            }
        }

        private void writeTag(ByteArrayOutputStream out, int tag) {
            writeNumber(out, tag >>> 16, 2);
            writeNumber(out, tag & 0xFFFF, 2);
        }

        private void writeInt(ByteArrayOutputStream out, int v) {
            writeNumber(out, v, 4);
        }

        private void writeNumber(ByteArrayOutputStream out, int v, int size) {
            for (int i = 0; i < size; i++) {
                int shift = bigEndian ? 8 * (size - 1 - i) : 8 * i;
                out.write(v >>> shift);
            }
        }
    }
}
