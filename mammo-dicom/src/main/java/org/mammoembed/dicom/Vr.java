package org.mammoembed.dicom;

/**
 * DICOM value representations (PS3.5 6.2) with the facts the reader and writer need: how the explicit-VR
 * header is laid out and how values are padded to even length.
 */
public enum Vr {
    AE, AS, AT, CS, DA, DS, DT, FD, FL, IS, LO, LT, OB, OD, OF, OL, OV, OW, PN, SH, SL, SQ, SS, ST, SV, TM,
    UC, UI, UL, UN, UR, US, UT, UV;

    /**
     * Whether the explicit-VR header has 2 reserved bytes and a 32-bit length (PS3.5 7.1.2). Every VR added to
     * the standard after 2008 uses this form, which is why unknown VRs are read as if they did.
     */
    public boolean hasLongLength() {
        switch (this) {
            case OB: case OD: case OF: case OL: case OV: case OW: case SQ: case SV: case UC: case UN: case UR:
            case UT: case UV:
                return true;
            default:
                return false;
        }
    }

    /** Whether values are character strings (padded with a space, UI with NUL). */
    public boolean isText() {
        switch (this) {
            case AE: case AS: case CS: case DA: case DS: case DT: case IS: case LO: case LT: case PN: case SH:
            case ST: case TM: case UC: case UI: case UR: case UT:
                return true;
            default:
                return false;
        }
    }

    /** The byte that pads an odd-length value to even length. */
    public byte paddingByte() {
        return this == UI || !isText() ? 0 : (byte) ' ';
    }

    /** Bytes per binary number for fixed-size numeric VRs, 0 for the others. */
    public int numberSize() {
        switch (this) {
            case US: case SS: case OW:
                return 2;
            case UL: case SL: case FL: case OF: case OL: case AT:
                return 4;
            case FD: case OD: case SV: case UV: case OV:
                return 8;
            default:
                return 0;
        }
    }

    /** The VR for two ASCII characters, or null when they name none. */
    public static Vr of(int c0, int c1) {
        if (c0 < 'A' || c0 > 'Z' || c1 < 'A' || c1 > 'Z') {
            return null;
        }
        try {
            return valueOf(new String(new char[] {(char) c0, (char) c1}));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
