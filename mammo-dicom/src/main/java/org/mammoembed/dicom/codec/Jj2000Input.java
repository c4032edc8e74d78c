package org.mammoembed.dicom.codec;

import java.io.EOFException;
import java.io.IOException;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * The input JJ2000 reads a codestream from: a byte-array slice whose single-byte {@link #read()} throws
 * {@link EOFException} at the end of the data instead of returning -1.
 *
 * <p>Why: JJ2000's {@code RandomAccessIO} contract is that {@code read()} throws at end of file, and its packet
 * header reader relies on it. The jai-imageio adapter ({@code IISRandomAccessIO}) passes the -1 of
 * {@code ImageInputStream.read()} through instead; the packet header bit reader stores it as its bit buffer, whose
 * bits are then all 1, and loops such as "while (readBit() != 0) lblock++" never end. A corrupt packet header that
 * runs past the end of the codestream therefore spun at 100% CPU forever; with this input it ends in an
 * {@link EOFException}, which the decoder reports as a corrupt stream. The length is also known up front (an
 * {@code ImageInputStream} over a plain stream reports -1, and the adapter then reads it all to find out).
 */
final class Jj2000Input extends ImageInputStreamImpl {
    private final byte[] data;
    private final int offset;
    private final int length;

    Jj2000Input(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IllegalArgumentException("slice " + offset + "+" + length + " outside " + data.length);
        }
        this.data = data;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public int read() throws IOException {
        checkClosed();
        bitOffset = 0;
        if (streamPos >= length) {
            throw new EOFException("JPEG 2000 codestream ends at byte " + length);
        }
        return data[offset + (int) streamPos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkClosed();
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (streamPos >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - streamPos);
        System.arraycopy(data, offset + (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return length;
    }
}
