package org.mammoembed.dicom.codec;

import org.mammoembed.dicom.DicomException;
import org.mammoembed.dicom.TransferSyntax;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one compressed frame with a named ImageIO plugin into interleaved samples. Shared by the JPEG and
 * JPEG 2000 decoders so that reader selection, size checks, warning handling and error wrapping exist once.
 */
final class ImageIoFrames {
    private static final Logger LOG = LoggerFactory.getLogger(ImageIoFrames.class);

    private ImageIoFrames() {
    }

    /** The decoded raster's samples with the warnings the plugin reported while decoding. */
    record Result(int[] samples, List<String> warnings) {
    }

    /**
     * Reads image 0 of {@code data} as a raster, with a fresh reader of the plugin whose provider class is
     * {@code spiClass} (never whatever ImageIO would pick first), and checks that it has exactly the rows,
     * columns and samples of {@code format}.
     *
     * @param pluginName for messages, e.g. "TwelveMonkeys JPEG"
     */
    static Result read(Class<? extends ImageReaderSpi> spiClass, String pluginName, byte[] data, int offset,
                       int length, PixelFormat format, String transferSyntaxUid) throws DicomException {
        return read(spiClass, pluginName, new MemoryCacheImageInputStream(
                new ByteArrayInputStream(data, offset, length)), format, transferSyntaxUid);
    }

    /** As above, from a stream the caller chose (closed here). */
    static Result read(Class<? extends ImageReaderSpi> spiClass, String pluginName, ImageInputStream input,
                       PixelFormat format, String transferSyntaxUid) throws DicomException {
        int expected = DecodeErrors.checkedSampleCount(format, transferSyntaxUid);
        ImageReader reader = newReader(spiClass, pluginName, transferSyntaxUid);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream in = input) {
            reader.setInput(in);
            Raster raster = reader.readRaster(0, null);
            if (raster.getWidth() != format.columns() || raster.getHeight() != format.rows()
                    || raster.getNumBands() != format.samplesPerPixel()) {
                throw DecodeErrors.corrupt(transferSyntaxUid, pluginName + " decoded " + raster.getHeight()
                        + " rows x " + raster.getWidth() + " columns x " + raster.getNumBands()
                        + " samples, but the header says " + format.rows() + " x " + format.columns() + " x "
                        + format.samplesPerPixel());
            }
            int[] samples = raster.getPixels(raster.getMinX(), raster.getMinY(), raster.getWidth(),
                    raster.getHeight(), new int[expected]);
            for (String w : warnings) {
                LOG.debug("{} warning while decoding {}: {}", pluginName,
                        TransferSyntax.describe(transferSyntaxUid), w);
            }
            return new Result(samples, warnings);
        } catch (DicomException e) {
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            throw DecodeErrors.fromPlugin(transferSyntaxUid, pluginName + " decoding", e);
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader newReader(Class<? extends ImageReaderSpi> spiClass, String pluginName,
                                         String transferSyntaxUid) throws DicomException {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        ImageReaderSpi spi = registry.getServiceProviderByClass(spiClass);
        if (spi == null) {
            // a plugin jar loaded by a class loader the registry did not scan at start-up
            ImageIO.scanForPlugins();
            spi = registry.getServiceProviderByClass(spiClass);
        }
        if (spi == null) {
            throw DecodeErrors.corrupt(transferSyntaxUid, "the " + pluginName
                    + " ImageIO plugin is not registered (is its jar on the class path?)");
        }
        try {
            return spi.createReaderInstance();
        } catch (IOException | RuntimeException e) {
            throw DecodeErrors.fromPlugin(transferSyntaxUid, "creating a " + pluginName + " reader", e);
        }
    }
}
