package org.mammoembed.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Deflated Explicit VR Little Endian (PS3.5 A.5): everything after the file meta group is one raw deflate
 * stream. Inflated into the heap, up to a limit, so that a small "zip bomb" cannot exhaust memory.
 */
final class DeflatedDataSet {
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
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(4L * in.length, 1 << 26));
            byte[] chunk = new byte[1 << 16];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                if (out.size() + n > maxInflatedBytes) {
                    throw DicomException.read(name + ": deflated data set inflates to more than "
                            + maxInflatedBytes + " bytes (maxInflatedBytes)");
                }
                out.write(chunk, 0, n);
            }
            return ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        } catch (DataFormatException e) {
            throw DicomException.read(name + ": deflated data set is corrupt: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }
}
