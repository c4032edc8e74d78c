package org.mammoembed.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Copies a range of an open file into a Java array by positional reads through a small direct buffer per thread,
 * for the pixel data of a file whose header was read through its mapping. A mapping is unmapped only when the
 * collector finds its buffer, and with frame arrays recycled the collector seldom runs: pixel data read through
 * the mapping would keep each image's pages resident until it did (peak resident memory rose by 47 to 478 MB in
 * {@code bench}, README, Benchmarks). A file that shrinks under the read is a short read and a clean error,
 * where the mapping would fault.
 */
final class FileRangeReader {
    // a chunk that stays in the core's cache between the two copies (file to it, it to the array)
    private static final ThreadLocal<ByteBuffer> STAGING = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(
            256 * 1024));

    private FileRangeReader() {
    }

    /** {@code words.length} 16-bit words in {@code order} from byte {@code start} of the file. */
    static void readWords(FileChannel ch, long start, ByteOrder order, short[] words, String file)
            throws DicomException {
        int[] done = {0};
        read(ch, start, 2L * words.length, file, staged -> {
            int count = staged.remaining() / 2;
            staged.order(order).asShortBuffer().get(words, done[0], count);
            done[0] += count;
        });
    }

    /** {@code length} bytes from byte {@code start} of the file into {@code out} at {@code at}. */
    static void readBytes(FileChannel ch, long start, byte[] out, int at, int length, String file)
            throws DicomException {
        int[] done = {at};
        read(ch, start, length, file, staged -> {
            int count = staged.remaining();
            staged.get(out, done[0], count);
            done[0] += count;
        });
    }

    /** Takes each staged chunk (an even number of bytes, but for an odd length's last), whole. */
    private interface Sink {
        void take(ByteBuffer staged);
    }

    private static void read(FileChannel ch, long start, long length, String file, Sink sink)
            throws DicomException {
        ByteBuffer staging = STAGING.get();
        long position = start;
        long end = start + length;
        try {
            while (position < end) {
                staging.clear().limit((int) Math.min(staging.capacity(), end - position));
                while (staging.hasRemaining()) {
                    int got = ch.read(staging, position + staging.position());
                    if (got < 0) {
                        throw DicomException.decode(file + ": the file ended at byte " + (position
                                + staging.position()) + ", inside the pixel data (it changed while being read)");
                    }
                }
                position += staging.limit();
                staging.flip();
                sink.take(staging);
            }
        } catch (IOException e) {
            throw new DicomException(org.mammoembed.core.Stage.READ, file + ": cannot read the pixel data: "
                    + e.getMessage(), e);
        }
    }
}
