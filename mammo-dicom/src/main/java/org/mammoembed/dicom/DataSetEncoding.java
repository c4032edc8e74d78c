package org.mammoembed.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Which encoding a data set is really in, from its first element: what a file without a meta group is in, and
 * whether a data set labelled explicit (or implicit) VR is. Writers get both wrong, and a parse in the wrong mode
 * misreads every element after the first.
 */
final class DataSetEncoding {
    private DataSetEncoding() {
    }

    /** Files without a meta group: explicit VR LE if a VR follows the first tag, else implicit VR LE. */
    static TransferSyntax guess(ByteBuffer buf, int pos, int limit) {
        if (pos + 8 <= limit && Vr.of(buf.get(pos + 4), buf.get(pos + 5)) != null) {
            int groupBe = (buf.get(pos) & 0xFF) << 8 | (buf.get(pos + 1) & 0xFF);
            int groupLe = (buf.get(pos) & 0xFF) | (buf.get(pos + 1) & 0xFF) << 8;
            return groupBe == 0x0008 && groupLe != 0x0008 ? TransferSyntax.explicitVrBigEndian()
                    : TransferSyntax.explicitVrLittleEndian();
        }
        return TransferSyntax.implicitVrLittleEndian();
    }

    /**
     * Some writers label a data set with the wrong VR mode; what follows the first tag tells: two VR letters
     * (explicit) or the first bytes of a 32-bit length (implicit).
     */
    static boolean explicitVr(ByteBuffer buf, int pos, int limit, boolean declared, ByteOrder order) {
        if (pos + 8 > limit) {
            return declared;
        }
        boolean letters = Vr.of(buf.get(pos + 4), buf.get(pos + 5)) != null;
        if (declared && !letters) {
            return false;
        }
        if (!declared && letters) {
            long implicitLength = buf.duplicate().order(order).getInt(pos + 4) & 0xFFFFFFFFL;
            return implicitLength > limit - pos - 8L;
        }
        return declared;
    }
}
