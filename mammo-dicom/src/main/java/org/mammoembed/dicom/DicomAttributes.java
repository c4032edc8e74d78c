package org.mammoembed.dicom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A data set to write: data elements (tag, VR, value) kept in tag order, as {@link DicomWriter} encodes them.
 * Also used for sequence items. Mutable and not thread-safe: build it, then hand it to a writer. Setting a tag
 * twice replaces the first value.
 *
 * <pre>{@code
 * DicomAttributes a = new DicomAttributes()
 *         .setString(Tag.MODALITY, Vr.CS, "MG")
 *         .setInts(Tag.ROWS, Vr.US, 64)
 *         .setSequence(Tag.VIEW_CODE_SEQUENCE, new DicomAttributes().setString(Tag.CODE_MEANING, Vr.LO, "cranio-caudal"));
 * }</pre>
 */
public final class DicomAttributes {

    /** One element to write: value is a String, int[], double[], byte[], List of items or {@link Fragments}. */
    record Entry(int tag, Vr vr, Object value) {
    }

    private final Map<Integer, Entry> entries = new TreeMap<>(Integer::compareUnsigned);

    /**
     * Sets a text element (AE, AS, CS, DA, DS, DT, IS, LO, LT, PN, SH, ST, TM, UC, UI, UR, UT). Several values
     * are joined with a backslash; the writer pads to even length.
     */
    public DicomAttributes setString(int tag, Vr vr, String... values) {
        if (!vr.isText()) {
            throw new IllegalArgumentException("setString: VR " + vr + " of " + Tag.format(tag) + " is not text");
        }
        for (String v : values) {
            Objects.requireNonNull(v, "values");
        }
        return put(tag, vr, String.join("\\", values));
    }

    /** Sets an integer element: US, SS, UL, SL (one value each, range-checked), or IS/DS written as text. */
    public DicomAttributes setInts(int tag, Vr vr, int... values) {
        if (vr == Vr.IS || vr == Vr.DS) {
            String[] s = Arrays.stream(values).mapToObj(Integer::toString).toArray(String[]::new);
            return setString(tag, vr, s);
        }
        long min;
        long max;
        switch (vr) {
            case US: min = 0; max = 0xFFFF; break;
            case SS: min = Short.MIN_VALUE; max = Short.MAX_VALUE; break;
            case UL: min = 0; max = 0xFFFFFFFFL; break;
            case SL: min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; break;
            default: throw new IllegalArgumentException("setInts: VR " + vr + " of " + Tag.format(tag)
                    + " is not US, SS, UL, SL, IS or DS");
        }
        for (int v : values) {
            long lv = vr == Vr.UL ? Integer.toUnsignedLong(v) : v;
            if (lv < min || lv > max) {
                throw new IllegalArgumentException("setInts: value " + v + " out of range for " + vr + " in "
                        + Tag.format(tag));
            }
        }
        return put(tag, vr, values.clone());
    }

    /** Sets a floating point element: FL or FD, or DS written as text. */
    public DicomAttributes setDoubles(int tag, Vr vr, double... values) {
        if (vr == Vr.DS) {
            String[] s = Arrays.stream(values).mapToObj(DicomAttributes::formatDecimal).toArray(String[]::new);
            return setString(tag, vr, s);
        }
        if (vr != Vr.FL && vr != Vr.FD) {
            throw new IllegalArgumentException("setDoubles: VR " + vr + " of " + Tag.format(tag)
                    + " is not FL, FD or DS");
        }
        return put(tag, vr, values.clone());
    }

    /**
     * Sets a binary element from raw little-endian bytes (OB, OW, OF, OD, OL, UN, or any numeric VR). For a big
     * endian file the writer swaps each {@link Vr#numberSize()} group; OB and UN are written as is.
     */
    public DicomAttributes setBytes(int tag, Vr vr, byte[] littleEndianValue) {
        if (vr.isText() || vr == Vr.SQ) {
            throw new IllegalArgumentException("setBytes: VR " + vr + " of " + Tag.format(tag) + " is not binary");
        }
        return put(tag, vr, littleEndianValue.clone());
    }

    /** Sets a sequence (VR SQ) of items; an empty call writes an empty sequence. */
    public DicomAttributes setSequence(int tag, DicomAttributes... items) {
        List<DicomAttributes> list = new ArrayList<>();
        for (DicomAttributes item : items) {
            list.add(Objects.requireNonNull(item, "items"));
        }
        return put(tag, Vr.SQ, Collections.unmodifiableList(list));
    }

    /**
     * Sets encapsulated Pixel Data (PS3.5 A.4): OB of undefined length, a Basic Offset Table item (may be empty)
     * and one item per fragment. Use with an encapsulated transfer syntax.
     */
    public DicomAttributes setEncapsulatedPixelData(byte[] basicOffsetTable, List<byte[]> fragments) {
        List<byte[]> copy = new ArrayList<>();
        for (byte[] f : fragments) {
            copy.add(f.clone());
        }
        return put(Tag.PIXEL_DATA, Vr.OB, new Fragments(basicOffsetTable.clone(), List.copyOf(copy)));
    }

    /** Encapsulated pixel data as written: offset table and fragments. */
    record Fragments(byte[] basicOffsetTable, List<byte[]> fragments) {
    }

    /** Removes an element if present. */
    public DicomAttributes remove(int tag) {
        entries.remove(tag);
        return this;
    }

    /** Whether the element is set. */
    public boolean contains(int tag) {
        return entries.containsKey(tag);
    }

    /** The text of a text element set here, or null. */
    public String getString(int tag) {
        Entry e = entries.get(tag);
        return e != null && e.value() instanceof String s ? s : null;
    }

    Iterable<Entry> entries() {
        return entries.values();
    }

    private DicomAttributes put(int tag, Vr vr, Object value) {
        if (tag == Tag.ITEM || tag == Tag.ITEM_DELIMITATION || tag == Tag.SEQUENCE_DELIMITATION) {
            throw new IllegalArgumentException("tag " + Tag.format(tag) + " is a delimiter, not a data element");
        }
        entries.put(tag, new Entry(tag, Objects.requireNonNull(vr, "vr"), value));
        return this;
    }

    /** A DS value: at most 16 characters (PS3.5 6.2), integral values without a decimal point. */
    static String formatDecimal(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("DS value must be finite: " + v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        if (s.length() <= 16) {
            return s;
        }
        for (int digits = 14; digits > 0; digits--) {
            s = String.format(java.util.Locale.ROOT, "%." + digits + "G", v).trim();
            if (s.length() <= 16) {
                return s;
            }
        }
        return s;
    }
}
