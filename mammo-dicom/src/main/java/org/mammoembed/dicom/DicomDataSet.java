package org.mammoembed.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A parsed data set (top level or sequence item). Values stay in the file's buffer and are decoded on request,
 * with the VR from the file, or from {@link ElementDictionary} when the file says UN. Read-only once parsed.
 */
final class DicomDataSet {
    /** Longest text value decoded, so that a bogus element cannot make the reader build a huge string. */
    private static final int MAX_TEXT_BYTES = 1 << 16;

    private final ByteBuffer buffer;
    private final ByteOrder order;
    private final Map<Integer, DicomElement> elements = new TreeMap<>(Integer::compareUnsigned);
    private Charset charset;

    DicomDataSet(ByteBuffer buffer, ByteOrder order, Charset charset) {
        this.buffer = buffer;
        this.order = order;
        this.charset = charset;
    }

    void put(DicomElement element) {
        elements.put(element.tag(), element);
    }

    void charset(Charset charset) {
        this.charset = charset;
    }

    Charset charset() {
        return charset;
    }

    ByteOrder order() {
        return order;
    }

    ByteBuffer buffer() {
        return buffer;
    }

    Optional<DicomElement> element(int tag) {
        return Optional.ofNullable(elements.get(tag));
    }

    boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    Collection<DicomElement> elements() {
        return Collections.unmodifiableCollection(elements.values());
    }

    /** The VR used to interpret a value: the file's, or the dictionary's when the file says UN. */
    static Vr effectiveVr(DicomElement e) {
        return e.vr() == Vr.UN ? ElementDictionary.vrOf(e.tag()) : e.vr();
    }

    /** The text of a text element, trailing spaces and NULs removed; null when absent or not text. */
    String string(int tag) {
        DicomElement e = elements.get(tag);
        if (e == null || e.length() <= 0 || !effectiveVr(e).isText()) {
            return e != null && e.length() == 0 ? "" : null;
        }
        int n = Math.min(e.length(), MAX_TEXT_BYTES);
        byte[] b = new byte[n];
        buffer.get(e.offset(), b);
        int end = n;
        while (end > 0 && (b[end - 1] == ' ' || b[end - 1] == 0)) {
            end--;
        }
        int start = 0;
        while (start < end && b[start] == ' ') {
            start++;
        }
        return new String(b, start, end - start, charset);
    }

    /** A trimmed text value, or null when absent or empty. */
    String nonEmptyString(int tag) {
        String s = string(tag);
        return s == null || s.isEmpty() ? null : s;
    }

    /** All numeric values: binary (US, SS, UL, SL, FL, FD, OW as unsigned 16) or text (IS, DS). */
    double[] numbers(int tag) {
        DicomElement e = elements.get(tag);
        if (e == null || e.length() <= 0) {
            return new double[0];
        }
        Vr vr = effectiveVr(e);
        if (vr == Vr.IS || vr == Vr.DS) {
            String s = string(tag);
            if (s == null || s.isEmpty()) {
                return new double[0];
            }
            String[] parts = s.split("\\\\");
            double[] out = new double[parts.length];
            int n = 0;
            for (String p : parts) {
                try {
                    out[n++] = Double.parseDouble(p.trim());
                } catch (NumberFormatException ex) {
                    n--;
                }
            }
            return java.util.Arrays.copyOf(out, n);
        }
        int size = vr.numberSize();
        if (size == 0 || vr == Vr.AT) {
            return new double[0];
        }
        int count = e.length() / size;
        double[] out = new double[count];
        ByteBuffer b = buffer.duplicate().order(order);
        for (int i = 0; i < count; i++) {
            int at = e.offset() + i * size;
            switch (vr) {
                case US: case OW: out[i] = b.getShort(at) & 0xFFFF; break;
                case SS: out[i] = b.getShort(at); break;
                case UL: case OL: out[i] = b.getInt(at) & 0xFFFFFFFFL; break;
                case SL: out[i] = b.getInt(at); break;
                case FL: case OF: out[i] = b.getFloat(at); break;
                case FD: case OD: out[i] = b.getDouble(at); break;
                case SV: case OV: out[i] = b.getLong(at); break;
                case UV: out[i] = b.getLong(at); break;
                default: out[i] = 0;
            }
        }
        return out;
    }

    /** The first numeric value. */
    OptionalDouble number(int tag) {
        double[] v = numbers(tag);
        return v.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(v[0]);
    }

    /** The first numeric value as an int, when present and integral. */
    OptionalInt integer(int tag) {
        OptionalDouble d = number(tag);
        if (d.isEmpty() || d.getAsDouble() != Math.rint(d.getAsDouble())
                || Math.abs(d.getAsDouble()) > Integer.MAX_VALUE) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) d.getAsDouble());
    }

    /** The items of a sequence; empty when absent or not a sequence. */
    List<DicomDataSet> sequence(int tag) {
        DicomElement e = elements.get(tag);
        return e == null ? List.of() : e.items();
    }

    /** The first item of a sequence, if any. */
    Optional<DicomDataSet> firstItem(int tag) {
        List<DicomDataSet> items = sequence(tag);
        return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
    }

    /** The raw value bytes (at most {@code maxBytes}), or null when absent. */
    byte[] bytes(int tag, int maxBytes) {
        DicomElement e = elements.get(tag);
        if (e == null || e.length() < 0) {
            return null;
        }
        byte[] b = new byte[Math.min(e.length(), maxBytes)];
        buffer.get(e.offset(), b);
        return b;
    }

    private boolean looksLikeText(DicomElement e) {
        if (!e.items().isEmpty() || (e.length() & 1) == 1) {
            return false;
        }
        int printable = 0;
        for (int i = 0; i < e.length(); i++) {
            int b = buffer.get(e.offset() + i) & 0xFF;
            boolean padding = b == 0 && i == e.length() - 1;
            if (b >= 0x20 && b < 0x7F) {
                printable++;
            } else if (!padding) {
                return false;
            }
        }
        return printable >= 2;
    }

    private String latin1(DicomElement e) {
        byte[] b = new byte[e.length()];
        buffer.get(e.offset(), b);
        int end = b.length;
        while (end > 0 && b[end - 1] == 0) {
            end--;
        }
        return new String(b, 0, end, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * Text of every top-level element that has one (text VRs, and binary numbers written as text), for "any tag
     * by number" access. Bulk (OB, OW...), sequences, and UN values that are not plainly text are left out.
     */
    Map<Integer, String> textValues() {
        Map<Integer, String> out = new TreeMap<>();
        for (DicomElement e : elements.values()) {
            Vr vr = effectiveVr(e);
            if (vr == Vr.UN && e.length() > 0 && e.length() <= 1024 && looksLikeText(e)) {
                // elements of unknown VR (implicit VR files, private tags): keep those that are plainly text
                out.put(e.tag(), latin1(e).trim());
            } else if (vr.isText()) {
                String s = string(e.tag());
                if (s != null) {
                    out.put(e.tag(), s);
                }
            } else if ((vr == Vr.US || vr == Vr.SS || vr == Vr.UL || vr == Vr.SL || vr == Vr.FL || vr == Vr.FD)
                    && e.length() > 0 && e.length() <= 256) {
                StringBuilder sb = new StringBuilder();
                for (double d : numbers(e.tag())) {
                    if (sb.length() > 0) {
                        sb.append('\\');
                    }
                    sb.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d));
                }
                out.put(e.tag(), sb.toString());
            }
        }
        return out;
    }
}
