package org.mammoembed.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Deflated Explicit VR Little Endian (PS3.5 A.5): everything after the file meta group is one raw deflate
 * stream. Inflated into the heap in chunks, up to a limit checked before each chunk is kept, so that a small
 * "zip bomb" costs at most the limit (plus one chunk) before it is refused, and the whole once more at the end.
 */
final class DeflatedDataSet {
    private static final int CHUNK = 1 << 20;

    private DeflatedDataSet() {
    }

    /** Inflates bytes [pos, limit) of {@code buf}; refuses streams that inflate past {@code maxInflatedBytes}. */
    static ByteBuffer inflate(ByteBuffer buf, int pos, int limit, int maxInflatedBytes, String name)
            throws DicomException {
        byte[] in = new byte[limit - pos];
        buf.get(pos, in);
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(in);
            List<byte[]> chunks = new ArrayList<>();
            long total = 0;
            while (!inflater.finished()) {
                byte[] chunk = new byte[CHUNK];
                int n = 0;
                while (n < CHUNK && !inflater.finished()) {
                    int k = inflater.inflate(chunk, n, CHUNK - n);
                    if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    n += k;
                }
                total += n;
                if (total > maxInflatedBytes) {
                    throw DicomException.read(name + ": deflated data set inflates to more than "
                            + maxInflatedBytes + " bytes (the reader's limit: maxInflatedBytes, and half its"
                            + " memoryBudget)");
                }
                chunks.add(n == CHUNK ? chunk : java.util.Arrays.copyOf(chunk, n));
                if (n < CHUNK && !inflater.finished()) {
                    break; // the stream ends early: parse what there is, the parser reports truncation
                }
            }
            byte[] out = new byte[(int) total];
            int at = 0;
            for (byte[] c : chunks) {
                System.arraycopy(c, 0, out, at, c.length);
                at += c.length;
            }
            return ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        } catch (DataFormatException e) {
            throw DicomException.read(name + ": deflated data set is corrupt (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }
}
