package org.mammoembed.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mammoembed.core.internal.DicomSniffer;

/**
 * Parses Part 10 files (PS3.10 7.1) and their data sets (PS3.5 7). The file is memory-mapped and values are
 * not copied; every length is checked against the bytes left before it is used, so a corrupt length field
 * costs an exception, never an allocation. Stateless; one instance serves any number of threads.
 *
 * <p>Error messages name offsets and the bytes that remain, never a length or tag read at the failing position:
 * when the parse is misaligned those are the bytes of some other element, a patient's name or birth date as
 * likely as anything ("declares 1314410842 bytes" was the first four bytes of a PatientName).
 */
final class DicomParser {
    private static final int UNDEFINED = 0xFFFFFFFF;
    private static final int NO_LIMIT = Integer.MAX_VALUE;
    /** Files up to this size are read into the heap rather than mapped. */
    private static final int HEAP_READ_LIMIT = 1 << 20;
    /** How much of a large file a header-only parse reads first. */
    private static final int HEADER_PREFIX = 1 << 18;

    private final int maxSequenceDepth;
    private final int maxInflatedBytes;

    DicomParser(int maxSequenceDepth, int maxInflatedBytes) {
        this.maxSequenceDepth = maxSequenceDepth;
        this.maxInflatedBytes = maxInflatedBytes;
    }

    /**
     * Parses a file; with {@code headerOnly} it stops before the pixel data element. Small files are read into
     * the heap; a header-only parse of a large file first tries its first {@value #HEADER_PREFIX} bytes, so that
     * scanning many headers does not leave many file mappings waiting for the garbage collector.
     */
    ParsedFile parse(Path file, boolean headerOnly) throws DicomException {
        try (FileChannel ch = FileBytes.open(file)) {
            return parse(file, ch, headerOnly);
        } catch (IOException e) {
            throw FileBytes.cannotRead(file, e);
        }
    }

    /**
     * {@link #parse(Path, boolean)} over {@code ch}, which the caller opened on {@code file} and keeps open (to
     * read the pixel data from it, see {@link ParsedFile#mappedFile()}).
     */
    ParsedFile parse(Path file, FileChannel ch, boolean headerOnly) throws DicomException {
        String name = FileBytes.name(file);
        try {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw DicomException.read(name + ": file is " + size + " bytes; files over 2 GiB are not supported");
            }
            if (size <= HEAP_READ_LIMIT) {
                return parse(name, FileBytes.prefix(ch, (int) size), headerOnly, false);
            }
            if (headerOnly) {
                try {
                    Run run = new Run(name, true);
                    ParsedFile prefixParse = run.parseFile(FileBytes.prefix(ch, HEADER_PREFIX), false);
                    if (run.stoppedAtPixelData) {
                        return prefixParse;
                    }
                } catch (DicomException | IndexOutOfBoundsException | IllegalArgumentException headerIsLonger) {
                    // the header goes on past the prefix (or is broken): parse the whole file below
                }
            }
            ByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return parse(name, mapped.order(ByteOrder.LITTLE_ENDIAN), headerOnly, true);
        } catch (IOException e) {
            throw FileBytes.cannotRead(file, e);
        }
    }

    ParsedFile parse(String name, ByteBuffer buf, boolean headerOnly) throws DicomException {
        return parse(name, buf, headerOnly, false);
    }

    /** @param mapped {@code buf} is the whole file, memory-mapped */
    private ParsedFile parse(String name, ByteBuffer buf, boolean headerOnly, boolean mapped) throws DicomException {
        try {
            return new Run(name, headerOnly).parseFile(buf, mapped);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            // every length is checked first; this is the net under that net
            // no exception text: an index computed from a corrupt length can carry the bytes of any element
            throw DicomException.read(name + ": malformed data at an unexpected place ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** State of one parse. */
    private final class Run {
        private final String name;
        private final boolean headerOnly;
        private DicomElement pixelData;
        private ParsedFile.Fragment basicOffsetTable;
        private List<ParsedFile.Fragment> fragments;
        /** Whether a header-only parse stopped at the pixel data (rather than at the end of the buffer). */
        private boolean stoppedAtPixelData;

        Run(String name, boolean headerOnly) {
            this.name = name;
            this.headerOnly = headerOnly;
        }

        ParsedFile parseFile(ByteBuffer buf, boolean mapped) throws DicomException {
            int limit = buf.limit();
            int pos = DicomSniffer.afterMarker(buf);
            DicomDataSet meta = new DicomDataSet(buf, ByteOrder.LITTLE_ENDIAN, StandardCharsets.ISO_8859_1);
            // the meta group is explicit VR LE; read it element by element while the group is 0002, which
            // survives a wrong group length
            while (pos + 8 <= limit && (buf.getShort(pos) & 0xFFFF) == 0x0002) {
                pos = readElement(buf, pos, limit, meta, true, ByteOrder.LITTLE_ENDIAN, 0, true);
            }
            String tsUid = meta.nonEmptyString(Tag.TRANSFER_SYNTAX_UID);
            TransferSyntax ts = tsUid != null ? TransferSyntax.of(tsUid) : DataSetEncoding.guess(buf, pos, limit);
            ByteBuffer body = buf;
            if (ts.deflated()) {
                body = DeflatedDataSet.inflate(buf, pos, limit, maxInflatedBytes, name);
                pos = 0;
                limit = body.limit();
            }
            ByteOrder order = ts.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            boolean explicit = DataSetEncoding.explicitVr(body, pos, limit, ts.explicitVr(), order);
            DicomDataSet data = new DicomDataSet(body, order, StandardCharsets.ISO_8859_1);
            readDataSet(body, pos, limit, data, explicit, order, 0, true);
            if (data.elements().isEmpty() && pixelData == null) {
                throw DicomException.read(name + ": no data elements after the file meta information");
            }
            // an inflated data set is a buffer of its own, whose offsets are not the file's
            return new ParsedFile(name, ts, meta, data, pixelData, basicOffsetTable, fragments, mapped && body == buf);
        }

        /** Reads elements in [pos, limit), or up to an item delimiter when {@code limit} is NO_LIMIT. */
        private int readDataSet(ByteBuffer buf, int pos, int end, DicomDataSet into, boolean explicit,
                                ByteOrder order, int depth, boolean topLevel) throws DicomException {
            int hardEnd = Math.min(end, buf.limit());
            while (pos < hardEnd) {
                if (hardEnd - pos < 8) {
                    if (topLevel) {
                        return hardEnd; // trailing padding shorter than an element header is harmless
                    }
                    throw truncated(pos, 8, hardEnd - pos, "element header");
                }
                int tag = readTag(buf, pos, order);
                if (tag == Tag.ITEM_DELIMITATION) {
                    if (end == NO_LIMIT) {
                        return pos + 8;
                    }
                    pos += 8; // stray delimiter in a defined-length item: skip it as DCMTK does
                    continue;
                }
                if (tag == Tag.SEQUENCE_DELIMITATION && topLevel) {
                    pos += 8; // stray sequence delimiter at top level (seen in old files): skip
                    continue;
                }
                if (topLevel && !headerOnly && pixelData != null) {
                    return pos; // nothing after the pixel data matters to us
                }
                if (topLevel && headerOnly && Integer.compareUnsigned(tag, Tag.FLOAT_PIXEL_DATA) >= 0
                        && Integer.compareUnsigned(tag, Tag.PIXEL_DATA) <= 0) {
                    stoppedAtPixelData = true;
                    return pos;
                }
                pos = readElement(buf, pos, hardEnd, into, explicit, order, depth, topLevel);
                if (tag == Tag.SPECIFIC_CHARACTER_SET) {
                    into.charset(charsetOf(into.string(Tag.SPECIFIC_CHARACTER_SET)));
                }
            }
            if (end == NO_LIMIT) {
                throw DicomException.read(name + ": item of undefined length has no item delimiter before the end"
                        + " of the file");
            }
            return pos;
        }

        private int readElement(ByteBuffer buf, int pos, int end, DicomDataSet into, boolean explicit,
                                ByteOrder order, int depth, boolean topLevel) throws DicomException {
            int tag = readTag(buf, pos, order);
            Vr vr;
            long length;
            int valuePos;
            Vr fileVr = explicit ? Vr.of(buf.get(pos + 4), buf.get(pos + 5)) : null;
            boolean letters = explicit && isUpper(buf.get(pos + 4)) && isUpper(buf.get(pos + 5));
            if (explicit && (fileVr != null || letters)) {
                vr = fileVr != null ? fileVr : Vr.UN; // unknown VR letters: newer VRs all have long lengths
                if (vr.hasLongLength() || fileVr == null) {
                    if (end - pos < 12) {
                        throw truncated(pos, 12, end - pos, "element header");
                    }
                    length = readInt(buf, pos + 8, order) & 0xFFFFFFFFL;
                    valuePos = pos + 12;
                } else {
                    length = readShort(buf, pos + 6, order);
                    valuePos = pos + 8;
                }
            } else {
                // implicit VR, or an explicit-VR file with an element whose VR bytes are not letters
                vr = ElementDictionary.vrOf(tag);
                length = readInt(buf, pos + 4, order) & 0xFFFFFFFFL;
                valuePos = pos + 8;
            }
            boolean undefined = length == (UNDEFINED & 0xFFFFFFFFL);
            if (!undefined && length > end - (long) valuePos) {
                // never the declared length: even after a known tag, a corrupt VR makes the parser read a value's
                // bytes (a patient's name) as the length (PhiInMessagesTest)
                throw DicomException.read(name + ": element " + known(tag) + "at offset " + pos + " declares a value"
                        + " longer than the " + (end - (long) valuePos) + " bytes that remain: the file is truncated"
                        + " or corrupt");
            }
            boolean isPixelData = topLevel && (tag == Tag.PIXEL_DATA || tag == Tag.FLOAT_PIXEL_DATA
                    || tag == Tag.DOUBLE_FLOAT_PIXEL_DATA);
            if (isPixelData && undefined) {
                int next = readFragments(buf, valuePos, end, order);
                pixelData = new DicomElement(tag, vr, valuePos, DicomElement.UNDEFINED_LENGTH, List.of());
                into.put(pixelData);
                return next;
            }
            if (isPixelData) {
                pixelData = new DicomElement(tag, vr, valuePos, (int) length, List.of());
                into.put(pixelData);
                return valuePos + (int) length;
            }
            boolean guessedSequence = vr == Vr.UN && !undefined && !explicit && length >= 8
                    && readTag(buf, valuePos, order) == Tag.ITEM;
            if (guessedSequence) {
                // an implicit VR element the dictionary does not know whose value starts with an item tag is
                // most likely a private sequence; if it does not parse as one, it is kept as bytes
                try {
                    List<DicomDataSet> items = new ArrayList<>();
                    int next = readItems(buf, valuePos, valuePos + (int) length, end, items, false, order, depth + 1,
                            into.charset());
                    into.put(new DicomElement(tag, Vr.SQ, valuePos, (int) length, List.copyOf(items)));
                    return next;
                } catch (DicomException notASequence) {
                    into.put(new DicomElement(tag, vr, valuePos, (int) length, List.of()));
                    return valuePos + (int) length;
                }
            }
            boolean sequence = vr == Vr.SQ || undefined && vr == Vr.UN;
            if (sequence) {
                // an undefined-length UN is an implicit VR LE sequence (PS3.5 6.2.2 note)
                boolean itemsExplicit = vr == Vr.SQ && explicit;
                ByteOrder itemOrder = vr == Vr.SQ ? order : ByteOrder.LITTLE_ENDIAN;
                int seqEnd = undefined ? NO_LIMIT : valuePos + (int) length;
                List<DicomDataSet> items = new ArrayList<>();
                int next = readItems(buf, valuePos, seqEnd, end, items, itemsExplicit, itemOrder, depth + 1,
                        into.charset());
                into.put(new DicomElement(tag, Vr.SQ, valuePos, undefined ? -1 : (int) length, List.copyOf(items)));
                return next;
            }
            if (undefined) {
                throw DicomException.read(name + ": element " + known(tag) + "at offset " + pos + " (VR " + vr
                        + ") has undefined length, which only sequences and pixel data may have");
            }
            into.put(new DicomElement(tag, vr, valuePos, (int) length, List.of()));
            return valuePos + (int) length;
        }

        private int readItems(ByteBuffer buf, int pos, int seqEnd, int fileEnd, List<DicomDataSet> items,
                              boolean explicit, ByteOrder order, int depth, Charset charset) throws DicomException {
            if (depth > maxSequenceDepth) {
                throw DicomException.read(name + ": sequences nested deeper than " + maxSequenceDepth
                        + " levels at offset " + pos);
            }
            int end = Math.min(seqEnd, fileEnd);
            while (pos < end) {
                if (end - pos < 8) {
                    throw truncated(pos, 8, end - pos, "item header");
                }
                int tag = readTag(buf, pos, order);
                long length = readInt(buf, pos + 4, order) & 0xFFFFFFFFL;
                if (tag == Tag.SEQUENCE_DELIMITATION) {
                    return pos + 8;
                }
                if (tag != Tag.ITEM) {
                    throw DicomException.read(name + ": expected an item tag (FFFE,E000) at offset " + pos
                            + " but found another tag");
                }
                DicomDataSet item = new DicomDataSet(buf, order, charset);
                if (length == (UNDEFINED & 0xFFFFFFFFL)) {
                    pos = readDataSet(buf, pos + 8, NO_LIMIT, item, explicit, order, depth, false);
                } else {
                    if (length > end - (long) pos - 8) {
                        throw DicomException.read(name + ": item at offset " + pos + " declares a length longer than"
                                + " the " + (end - (long) pos - 8) + " bytes that remain in its sequence");
                    }
                    readDataSet(buf, pos + 8, pos + 8 + (int) length, item, explicit, order, depth, false);
                    pos += 8 + (int) length;
                }
                items.add(item);
            }
            if (seqEnd == NO_LIMIT) {
                throw DicomException.read(name + ": sequence of undefined length has no sequence delimiter before"
                        + " the end of the file");
            }
            return pos;
        }

        /** Encapsulated pixel data (PS3.5 A.4): offset table item, fragment items, sequence delimiter. */
        private int readFragments(ByteBuffer buf, int pos, int end, ByteOrder order) throws DicomException {
            List<ParsedFile.Fragment> list = new ArrayList<>();
            ParsedFile.Fragment bot = null;
            while (true) {
                if (end - pos < 8) {
                    throw DicomException.read(name + ": encapsulated pixel data end without a sequence delimiter at"
                            + " offset " + pos + ": the file is truncated");
                }
                int tag = readTag(buf, pos, order);
                long length = readInt(buf, pos + 4, order) & 0xFFFFFFFFL;
                if (tag == Tag.SEQUENCE_DELIMITATION) {
                    break;
                }
                if (tag != Tag.ITEM) {
                    throw DicomException.read(name + ": expected a fragment item (FFFE,E000) in encapsulated pixel"
                            + " data at offset " + pos + " but found another tag");
                }
                if (length > end - (long) pos - 8) {
                    throw DicomException.read(name + ": pixel data fragment at offset " + pos + " declares a length"
                            + " longer than the " + (end - (long) pos - 8) + " bytes that remain: the file is"
                            + " truncated");
                }
                ParsedFile.Fragment f = new ParsedFile.Fragment(pos, pos + 8, (int) length);
                if (bot == null) {
                    bot = f;
                } else {
                    list.add(f);
                }
                pos += 8 + (int) length;
            }
            basicOffsetTable = bot;
            fragments = List.copyOf(list);
            return pos + 8;
        }

        private DicomException truncated(int pos, int needed, int left, String what) {
            return DicomException.read(name + ": " + what + " at offset " + pos + " needs " + needed
                    + " bytes but only " + left + " remain: the file is truncated");
        }
    }

    /**
     * "(gggg,eeee) " for a tag the reader knows (every such tag has non-printable bytes, so it cannot be misread
     * text), else "": an unknown tag at a failing position may be the bytes of a patient's name.
     */
    private static String known(int tag) {
        return ElementDictionary.knows(tag) ? Tag.format(tag) + " " : "";
    }

    private static boolean isUpper(byte b) {
        return b >= 'A' && b <= 'Z';
    }

    private static int readTag(ByteBuffer buf, int pos, ByteOrder order) {
        return readShort(buf, pos, order) << 16 | readShort(buf, pos + 2, order);
    }

    private static int readShort(ByteBuffer buf, int pos, ByteOrder order) {
        int a = buf.get(pos) & 0xFF;
        int b = buf.get(pos + 1) & 0xFF;
        return order == ByteOrder.LITTLE_ENDIAN ? a | b << 8 : a << 8 | b;
    }

    private static int readInt(ByteBuffer buf, int pos, ByteOrder order) {
        int lo = readShort(buf, pos, order);
        int hi = readShort(buf, pos + 2, order);
        return order == ByteOrder.LITTLE_ENDIAN ? lo | hi << 16 : lo << 16 | hi;
    }

    /** ISO_IR 192 is UTF-8; everything else is read as Latin-1, which keeps ASCII intact. */
    static Charset charsetOf(String specificCharacterSet) {
        if (specificCharacterSet != null && specificCharacterSet.contains("ISO_IR 192")) {
            return StandardCharsets.UTF_8;
        }
        return StandardCharsets.ISO_8859_1;
    }
}
