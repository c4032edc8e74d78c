package org.mammoembed.dicom.codec;

import com.github.jaiimageio.jpeg2000.J2KImageWriteParam;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Decoders are shared through {@link Codecs}: several threads decoding at once must get the same samples. */
class ConcurrentDecodingTest {

    @Test
    void parallelDecodesAgreeWithASerialOne() throws Exception {
        BufferedImage gray = TestImages.grayRamp(96, 64);
        byte[] jpeg = TestImages.jpeg(gray, 0.9f);
        J2KImageWriteParam param = new J2KImageWriteParam();
        param.setLossless(true);
        param.setWriteCodeStreamOnly(true);
        byte[] j2k = TestImages.write(gray, "jpeg2000", "com.github.jaiimageio.jpeg2000.impl.J2KImageWriter", param);
        byte[] rle = RleFrameWriter.encode(gray.getRaster().getPixels(0, 0, 96, 64, (int[]) null), 1, 1);
        PixelFormat format = new PixelFormat(64, 96, 1, 8, 8, 7, false, "MONOCHROME2", 0);
        String[] syntaxes = {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.5"};
        byte[][] frames = {jpeg, j2k, rle};
        int[][] serial = new int[3][];
        for (int i = 0; i < 3; i++) {
            serial[i] = Codecs.find(syntaxes[i]).orElseThrow().decode(frames[i], format, syntaxes[i]).samples();
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int n = 0; n < 24; n++) {
                int i = n % 3;
                results.add(pool.submit(() -> Codecs.find(syntaxes[i]).orElseThrow()
                        .decode(frames[i], format, syntaxes[i]).samples()));
            }
            for (int n = 0; n < results.size(); n++) {
                assertArrayEquals(serial[n % 3], results.get(n).get(), "decode " + n + " of " + syntaxes[n % 3]);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
