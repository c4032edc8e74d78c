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
        ByteBuffer staging = STAGING.get();
        long position = start;
        for (int done = 0; done < words.length; ) {
            int count = Math.min(staging.capacity() / 2, words.length - done);
            stage(ch, staging, position, 2 * count, file).order(order).asShortBuffer().get(words, done, count);
            position += 2L * count;
            done += count;
        }
    }

    /** {@code length} bytes from byte {@code start} of the file into {@code out} at {@code at}. */
    static void readBytes(FileChannel ch, long start, byte[] out, int at, int length, String file)
            throws DicomException {
        ByteBuffer staging = STAGING.get();
        long position = start;
        for (int done = 0; done < length; ) {
            int count = Math.min(staging.capacity(), length - done);
            stage(ch, staging, position, count, file).get(out, at + done, count);
            position += count;
            done += count;
        }
    }

    /** {@code staging} holding the {@code n} bytes at {@code position} of the file, ready to be read. */
    private static ByteBuffer stage(FileChannel ch, ByteBuffer staging, long position, int n, String file)
            throws DicomException {
        staging.clear().limit(n);
        try {
            while (staging.hasRemaining()) {
                if (ch.read(staging, position + staging.position()) < 0) {
                    throw DicomException.decode(file + ": the file ended at byte " + (position + staging.position())
                            + ", inside the pixel data (it changed while being read)");
                }
            }
        } catch (IOException e) {
            throw new DicomException(org.mammoembed.core.Stage.READ, file + ": cannot read the pixel data: "
                    + e.getMessage(), e);
        }
        return staging.flip();
    }
}
