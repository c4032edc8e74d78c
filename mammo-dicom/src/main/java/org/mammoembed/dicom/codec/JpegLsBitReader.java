package org.mammoembed.dicom.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import org.mammoembed.dicom.DicomException;

/**
 * Reads the entropy-coded bits of a JPEG-LS scan (T.87 A.1): most significant bit first, where a 0xFF byte
 * is followed by a byte whose top bit is a stuffed zero, and 0xFF followed by a byte with its top bit set is a
 * marker that ends the coded data. Past the last coded byte it supplies zeros, but consuming any of them means
 * the stream is truncated: that is reported as soon as it is noticed, so corrupt input costs at most a few
 * dozen extra bits of work, never a hang.
 */
final class JpegLsBitReader {
    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.BIG_ENDIAN);
    private final byte[] data;
    private final int end;
    private int pos;
    /** Bits not yet consumed, left-aligned. */
    private long cache;
    /** Valid bits in {@code cache}, including trailing padding. */
    private int bits;
    /** Zero bits appended after the coded data ran out; they sit at the tail of {@code cache}. */
    private int padding;
    private boolean stopped;
    private boolean afterFf;

    JpegLsBitReader(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    /** Tops the cache up to at least 57 bits. */
    private void fill() throws DicomException {
        if (!afterFf && !stopped && end - pos >= 8) {
            // the common case, as many whole bytes as fit at once: the next eight bytes hold no 0xFF (so no stuffed
            // bit and no marker), which ~v having no zero byte tells without a loop
            long v = (long) BIG_ENDIAN_LONG.get(data, pos);
            long inverted = ~v;
            if (((inverted - 0x0101010101010101L) & ~inverted & 0x8080808080808080L) == 0) {
                int take = (64 - bits) >>> 3;
                cache |= v >>> (64 - 8 * take) << (64 - bits - 8 * take);
                bits += 8 * take;
                pos += take;
                return;
            }
        }
        fillBytewise();
    }

    /** {@link #fill} a byte at a time, through stuffed bits, markers and the end of the data (kept out of line). */
    private void fillBytewise() throws DicomException {
        while (bits <= 56) {
            if (stopped) {
                if (bits < padding) {
                    throw truncated();
                }
                padding += 64 - bits;
                bits = 64;
                return;
            }
            if (pos >= end) {
                stopped = true;
                continue;
            }
            int b = data[pos] & 0xFF;
            if (afterFf) {
                // the stuffed zero bit was checked when the 0xFF was read
                cache |= (long) b << (57 - bits);
                bits += 7;
                afterFf = false;
                pos++;
            } else if (b == 0xFF) {
                if (pos + 1 >= end || (data[pos + 1] & 0x80) != 0) {
                    stopped = true;
                    continue;
                }
                cache |= 0xFFL << (56 - bits);
                bits += 8;
                afterFf = true;
                pos++;
            } else {
                cache |= (long) b << (56 - bits);
                bits += 8;
                pos++;
            }
        }
    }

    private DicomException truncated() {
        return DicomException.decode("scan data truncated or corrupt: coded bits ran out at byte "
                + pos);
    }

    /** One bit. */
    int readBit() throws DicomException {
        if (bits == 0) {
            fill();
        }
        int bit = (int) (cache >>> 63);
        cache <<= 1;
        bits--;
        return bit;
    }

    /** An unsigned value of {@code n} bits, 0 <= n <= 31. */
    int readBits(int n) throws DicomException {
        if (n == 0) {
            return 0;
        }
        if (bits < n) {
            fill();
        }
        int value = (int) (cache >>> (64 - n));
        cache <<= n;
        bits -= n;
        return value;
    }

    /**
     * A Golomb code word of parameter {@code k} whose unary prefix is shorter than {@code escape} zeros, as
     * {@code (prefix << k) | next k bits}, when the whole word is in the cache; -1 otherwise (nothing consumed), and
     * the caller reads it with {@link #readZeroRun} and {@link #readBits}. One read and one write of the cache per
     * code word, where the two calls take two each: the decoder's chain from pixel to pixel runs through them.
     */
    int readShortGolomb(int k, int escape) throws DicomException {
        long c = cache;
        int lead = Long.numberOfLeadingZeros(c);
        int used = lead + 1 + k;
        if (used > bits && bits <= 56) {
            // refilled only when the word is not all there: a fill adds about 7 bytes, several words
            fill();
            c = cache;
            lead = Long.numberOfLeadingZeros(c);
            used = lead + 1 + k;
        }
        if (lead >= escape || used > bits) {
            return -1;
        }
        // two shifts, never one by 64: a word can take the whole cache, and Java counts a long's shift mod 64, so
        // c << 64 would leave the word in the cache (a jqwik run found it: a 44-zero prefix, the stop bit, k = 19)
        cache = c << (used - 1) << 1;
        bits -= used;
        // the k bits after the stop bit; k = 0 gives 0 (a shift by 64 would give c itself)
        return (lead << k) | (int) (c << lead << 1 >>> 1 >>> (63 - k));
    }

    /**
     * Counts zero bits up to and including the next one bit (the unary part of a Golomb code).
     *
     * @param max the most zeros a valid code word can have here
     * @throws DicomException when more than {@code max} zeros follow, which no encoder produces
     */
    int readZeroRun(int max) throws DicomException {
        int zeros = 0;
        while (true) {
            if (bits <= 56) {
                fill();
            }
            if (cache != 0) {
                int lead = Long.numberOfLeadingZeros(cache);
                // cache != 0 guarantees the set bit lies among the valid bits (padding is zero)
                zeros += lead;
                if (zeros > max) {
                    throw DicomException.decode("Golomb code word longer than the limit " + max
                            + " at byte " + pos);
                }
                // two shifts: the stop bit can be the cache's last (lead 63), and a shift by 64 is a shift by 0
                cache = cache << lead << 1;
                bits -= lead + 1;
                return zeros;
            }
            zeros += bits;
            bits = 0;
            if (padding > 0) {
                throw truncated(); // the zeros ran into the padding behind the coded data
            }
            if (zeros > max) {
                throw DicomException.decode("Golomb code word longer than the limit " + max
                        + " at byte " + pos);
            }
        }
    }

    /**
     * Ends the scan: checks that no padding bit was consumed and skips to the marker that closes the coded
     * data (an encoder's final fill bits are discarded).
     *
     * @return the offset of the 0xFF that starts the next marker, or the end of the data
     */
    int finish() throws DicomException {
        while (!stopped) {
            // discard whatever coded bits remain (an encoder's final padding), bounded by the input length
            cache = 0;
            bits = 0;
            fill();
        }
        if (bits < padding) {
            throw truncated();
        }
        return pos;
    }

    /**
     * Consumes a restart marker RSTm (T.87 D.3): the coded data must end within the current byte and be
     * followed by the expected marker; decoding then starts afresh at the next byte.
     */
    void restart(int expectedIndex) throws DicomException {
        if (!stopped && bits - padding < 8) {
            fill();
        }
        int remaining = bits - padding;
        if (!stopped || remaining < 0 || remaining >= 8 || pos + 1 >= end
                || (data[pos + 1] & 0xFF) != 0xD0 + expectedIndex) {
            throw DicomException.decode("restart marker RST" + expectedIndex + " missing at byte " + pos);
        }
        pos += 2;
        cache = 0;
        bits = 0;
        padding = 0;
        stopped = false;
        afterFf = false;
    }
}
