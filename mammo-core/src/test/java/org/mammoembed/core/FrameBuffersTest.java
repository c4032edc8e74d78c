package org.mammoembed.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Lending, taking back and refusing frame arrays, and the end of a recycled image's life. */
class FrameBuffersTest {
    private static final ImageMetadata META = new ImageMetadata("1.2.840.10008.5.1.4.1.1.1.2", "MG", 2, 3, 1, 1, 16,
            12, 0, "MONOCHROME2", "1.2.840.10008.1.2.1", "L", "CC", "FOR PRESENTATION", "TEST", Optional.empty(),
            Map.of());

    private static DecodedImage image(short[] words) {
        return DecodedImage.ofStored(2, 3, StoredPixels.ofWords(words, 12, 11, false, 1, 0), Photometric.MONOCHROME2,
                META, VoiAttributes.NONE);
    }

    /** An image over words lent by {@code buffers}: 0, 1, 2, 3, 4, 4095. */
    private static DecodedImage lentImage(FrameBuffers buffers) {
        short[] w = buffers.words(6);
        System.arraycopy(new short[] {0, 1, 2, 3, 4, 4095}, 0, w, 0, 6);
        return image(w);
    }

    @Test
    void aRecycledArrayIsLentAgainForTheSameLengthOnly() {
        FrameBuffers buffers = new FrameBuffers(2);
        short[] a = buffers.words(6);
        assertEquals(6, a.length);
        assertEquals(0, buffers.idle());
        assertTrue(buffers.recycle(image(a)));
        assertEquals(1, buffers.idle());
        short[] other = buffers.words(7);
        assertNotSame(a, other);
        assertEquals(1, buffers.idle(), "an idle array of another length stays idle");
        assertSame(a, buffers.words(6));
        assertEquals(0, buffers.idle());
    }

    @Test
    void onlyArraysItLentAndDidNotGetBackAreTakenBack() {
        FrameBuffers buffers = new FrameBuffers(2);
        short[] mine = buffers.words(6);
        DecodedImage foreign = image(new short[] {1, 2, 3, 4, 5, 6});
        assertFalse(buffers.recycle(foreign));
        assertEquals(0, buffers.idle());
        assertEquals(3, foreign.stored().orElseThrow().sample(2), "an image it did not lend to is left alone");
        assertFalse(new FrameBuffers(1).recycle(image(mine)), "another FrameBuffers did not lend it");

        DecodedImage once = image(mine);
        assertTrue(buffers.recycle(once));
        assertFalse(buffers.recycle(once), "twice is once");
        assertFalse(buffers.recycle(image(mine)), "an image over an array back in the pool is not taken again");
        assertEquals(1, buffers.idle());

        DecodedImage floats = new DecodedImage(2, 3, 1, new float[6], Photometric.MONOCHROME2, META,
                VoiAttributes.NONE);
        DecodedImage ints = DecodedImage.ofStored(2, 3, new StoredPixels(new int[6], 12, false, 1, 0),
                Photometric.MONOCHROME2, META, VoiAttributes.NONE);
        assertFalse(buffers.recycle(floats));
        assertFalse(buffers.recycle(ints));
    }

    @Test
    void itKeepsAtMostCapacityIdleArrays() {
        FrameBuffers buffers = new FrameBuffers(2);
        short[][] lent = {buffers.words(6), buffers.words(6), buffers.words(6)};
        for (short[] w : lent) {
            assertTrue(buffers.recycle(image(w)));
        }
        assertEquals(2, buffers.idle());
        // the longest idle was dropped: the two kept are the last two recycled
        short[] x = buffers.words(6);
        short[] y = buffers.words(6);
        assertTrue((x == lent[1] && y == lent[2]) || (x == lent[2] && y == lent[1]));
        assertNotSame(lent[0], buffers.words(6));
    }

    @Test
    void aRecycledImageCannotBeReadButKeepsItsSize() {
        FrameBuffers buffers = new FrameBuffers(1);
        DecodedImage image = lentImage(buffers);
        StoredPixels stored = image.stored().orElseThrow();
        assertEquals(4095, stored.sample(5));
        assertTrue(buffers.recycle(image));

        assertEquals(6, stored.size());
        assertEquals(6, image.pixelCount());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> stored.sample(0));
        assertTrue(e.getMessage().contains("recycled"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> stored.countInto(new int[4096]));
        assertThrows(IllegalStateException.class, () -> stored.lookUp(0, 6, new float[4096], 0, new float[6], 0));
        assertThrows(IllegalStateException.class, () -> stored.leadingRun(0, 6, 0, 10));
        assertThrows(IllegalStateException.class, () -> stored.trailingRun(0, 6, 0, 10));
        assertThrows(IllegalStateException.class, stored::toModality);
        assertThrows(IllegalStateException.class, image::grayPlane);
    }

    @Test
    void anImageReadBeforeItWasRecycledKeepsItsFloats() {
        FrameBuffers buffers = new FrameBuffers(1);
        DecodedImage image = lentImage(buffers);
        float[] before = image.grayPlane();
        assertTrue(buffers.recycle(image));
        buffers.words(6)[5] = 7; // the next image overwrites the array
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 4095}, image.grayPlane());
        assertSame(before, image.grayPlane());
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FrameBuffers(0));
        assertEquals("capacity must be at least 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new FrameBuffers(1).words(-1));
        assertEquals("length must be at least 0, got -1", e.getMessage());
    }
}
