package org.mammoembed.core;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Iterator;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Frame-sized sample arrays lent to a reader and taken back once their image is done with, so that a run over many
 * images of one size allocates each array once instead of once per image. A new 3328 x 2560 array of 16-bit words
 * is 17 MB that Java zeroes before the reader overwrites it: measured on this project's 2-core host, that took as
 * long as copying the frame out of its file (about 2 ms of CPU per image, README, Benchmarks).
 *
 * <p>The owner of a run makes one, passes it to {@link ImageReader#read(java.nio.file.Path, int, FrameBuffers)},
 * and calls {@link #recycle} on each image when it has finished with it. Readers that do not use it ignore it (the
 * default), and {@link #recycle} takes back only arrays this object lent and did not get back yet: an image whose
 * arrays came from anywhere else (another reader's, a copy) is left alone, so recycling can never hand out an
 * array that something else still holds. An array lent and never recycled (its decode failed, or was abandoned) is
 * simply collected; the lending record holds it weakly.
 *
 * <p>Thread-safe: decodes borrow on one thread and workers recycle on another.
 */
public final class FrameBuffers {
    private final int capacity;
    private final ArrayDeque<short[]> idle = new ArrayDeque<>();
    // arrays' equals and hashCode are identity, so this is a weak identity set
    private final Set<short[]> lent = Collections.newSetFromMap(new WeakHashMap<>());

    /**
     * @param capacity how many arrays to keep for reuse between images, at least 1: the number of images decoded
     *                 at once (a run's workers) is enough, since each recycles its image before it reads the next
     */
    public FrameBuffers(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * An array of {@code length} 16-bit words whose contents are undefined (a recycled image's samples): the
     * borrower must write every element before handing it to {@link StoredPixels#ofWords}.
     */
    public short[] words(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be at least 0, got " + length);
        }
        synchronized (this) {
            for (Iterator<short[]> it = idle.iterator(); it.hasNext(); ) {
                short[] w = it.next();
                if (w.length == length) {
                    it.remove();
                    lent.add(w);
                    return w;
                }
            }
        }
        short[] w = new short[length];
        synchronized (this) {
            lent.add(w);
        }
        return w;
    }

    /**
     * Ends {@code image}'s life and takes back its 16-bit words if this object lent them (otherwise does nothing):
     * the caller declares that nothing reads the image again, and from here on its stored samples throw
     * {@link IllegalStateException}. A no-op for images held as floats or ints.
     *
     * @return whether the words were taken back
     */
    public boolean recycle(DecodedImage image) {
        StoredPixels stored = image.stored().orElse(null);
        short[] words = stored == null ? null : stored.wordsOrNull();
        if (words == null) {
            return false;
        }
        synchronized (this) {
            if (!lent.remove(words)) {
                return false;
            }
            stored.release();
            if (idle.size() == capacity) {
                idle.removeFirst(); // the longest idle: a size this run may have moved on from
            }
            idle.addLast(words);
        }
        return true;
    }

    /** Arrays kept for reuse now (for tests and logs). */
    public synchronized int idle() {
        return idle.size();
    }
}
