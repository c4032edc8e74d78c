package org.mammoembed.dicom;

/**
 * The heap a reader may hold for images being decoded at once, shared by every thread that uses the reader.
 * Each decode first reserves what its header says it will need ({@link #estimate}); an image that needs more than
 * the whole budget is refused before anything is allocated, and one that fits waits while others hold the
 * budget. So a small file that declares a huge image costs an exception, and N workers decoding detector-sized
 * images at once cannot together exhaust the heap: they take turns.
 */
final class MemoryBudget {
    private static final long MB = 1L << 20;

    private final long total;
    private long reserved;

    MemoryBudget(long total) {
        this.total = total;
    }

    long total() {
        return total;
    }

    /**
     * Heap one decode of a frame of {@code samples} samples holds at its peak: the stored samples (int) and the
     * values after the modality LUT (float), plus the codec's own buffers (a plugin's raster; JJ2000's tile and
     * wavelet buffers), plus the compressed frame when it is copied out of the file.
     */
    static long estimate(long samples, boolean encapsulated, boolean jpeg2000, long compressedBytes) {
        long perSample = !encapsulated ? 8 : jpeg2000 ? 20 : 12;
        return samples * perSample + (encapsulated ? compressedBytes : 0);
    }

    /** Reserves {@code bytes}, waiting while other decodes hold the budget; refuses more than the whole budget. */
    Reservation reserve(long bytes, String what) throws DicomException {
        if (bytes > total) {
            throw DicomException.decode(what + " needs about " + toMb(bytes) + " MB of heap to decode, more than the"
                    + " reader's memory budget of " + toMb(total) + " MB (memoryBudget; default half the maximum"
                    + " heap): refused before allocating");
        }
        synchronized (this) {
            while (reserved + bytes > total) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw DicomException.decode(what + ": interrupted while waiting for memory to decode");
                }
            }
            reserved += bytes;
        }
        return new Reservation(bytes);
    }

    private static long toMb(long bytes) {
        return (bytes + MB - 1) / MB;
    }

    /** Bytes held by one decode; {@link #close()} gives them back. */
    final class Reservation implements AutoCloseable {
        private long bytes;

        private Reservation(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public void close() {
            synchronized (MemoryBudget.this) {
                reserved -= bytes;
                bytes = 0;
                MemoryBudget.this.notifyAll();
            }
        }
    }
}
