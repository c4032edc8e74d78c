package org.mammoembed.dicom.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only extraction of frame 0 from an encapsulated Pixel Data element, so the codecs can be checked on
 * corpus files without the real reader. Deliberately minimal: it finds the top-level (7FE0,0010) element of
 * undefined length by its last occurrence in the file (icon images come earlier), then walks its items.
 * The JPEG-LS tests use it; the other codec tests take frames from the real reader ({@link ReaderFrames}).
 */
final class EncapsulatedFrames {
    private EncapsulatedFrames() {
    }

    /** The fragments of the Pixel Data element (Basic Offset Table excluded). */
    static List<byte[]> fragments(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int start = lastPixelDataHeader(b);
        if (start < 0) {
            throw new IOException("no encapsulated Pixel Data in " + file);
        }
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int pos = start;
        List<byte[]> items = new ArrayList<>();
        while (pos + 8 <= b.length) {
            int group = buf.getShort(pos) & 0xFFFF;
            int element = buf.getShort(pos + 2) & 0xFFFF;
            int length = buf.getInt(pos + 4);
            pos += 8;
            if (group == 0xFFFE && element == 0xE0DD) {
                break;
            }
            if (group != 0xFFFE || element != 0xE000 || length < 0 || pos + length > b.length) {
                throw new IOException("bad item at offset " + (pos - 8) + " in " + file);
            }
            byte[] item = new byte[length];
            System.arraycopy(b, pos, item, 0, length);
            items.add(item);
            pos += length;
        }
        return items.subList(1, items.size());
    }

    /**
     * Frame 0: the single fragment of a one-fragment-per-frame file, else fragments up to the first that ends
     * with a JPEG / JPEG 2000 end marker (FFD9, possibly followed by one padding byte).
     */
    static byte[] firstFrame(Path file, int frames, boolean rle) throws IOException {
        List<byte[]> fragments = fragments(file);
        if (rle || fragments.size() == frames) {
            return fragments.get(0);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] f : fragments) {
            out.write(f);
            if (endsWithEoi(f)) {
                break;
            }
        }
        return out.toByteArray();
    }

    private static boolean endsWithEoi(byte[] f) {
        int n = f.length;
        return (n >= 2 && (f[n - 2] & 0xFF) == 0xFF && (f[n - 1] & 0xFF) == 0xD9)
                || (n >= 3 && (f[n - 3] & 0xFF) == 0xFF && (f[n - 2] & 0xFF) == 0xD9 && f[n - 1] == 0);
    }

    private static int lastPixelDataHeader(byte[] b) {
        for (int i = b.length - 12; i >= 0; i--) {
            if ((b[i] & 0xFF) == 0xE0 && (b[i + 1] & 0xFF) == 0x7F && b[i + 2] == 0x10 && b[i + 3] == 0) {
                // explicit VR (OB/OW/UN: 2 reserved bytes) or implicit VR, both with undefined length
                boolean explicitUndefined = isOtherVr(b[i + 4], b[i + 5]) && b[i + 6] == 0 && b[i + 7] == 0
                        && allFF(b, i + 8);
                if (explicitUndefined) {
                    return i + 12;
                }
                if (allFF(b, i + 4)) {
                    return i + 8;
                }
            }
        }
        return -1;
    }

    private static boolean isOtherVr(byte a, byte c) {
        return (a == 'O' && (c == 'B' || c == 'W')) || (a == 'U' && c == 'N');
    }

    private static boolean allFF(byte[] b, int at) {
        return (b[at] & b[at + 1] & b[at + 2] & b[at + 3] & 0xFF) == 0xFF;
    }
}
