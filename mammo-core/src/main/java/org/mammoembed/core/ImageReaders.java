package org.mammoembed.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds image readers by name through {@link ServiceLoader} ({@link ImageReaderProvider}): {@code "dicom"}
 * (mammo-dicom's pure-Java reader, the default everywhere), {@code "png"} and {@code "tiff"} (16-bit exports,
 * also in mammo-dicom), any name a third-party provider brings, and {@code "auto"}: every reader found, each
 * file read by the first one (DICOM first) whose {@link ImageReader#isImage} accepts it.
 *
 * <pre>{@code
 * ImageReader png = ImageReaders.named("png");
 * Dataset study = Dataset.fromCsv(csv, exportRoot, png);
 * EmbeddingExtractor ex = EmbeddingExtractor.builder().model(model).reader(png).build();
 * }</pre>
 */
public final class ImageReaders {
    /** The name of the reader used when none is given. */
    public static final String DEFAULT = "dicom";
    /** The name of the reader that combines every reader found. */
    public static final String AUTO = "auto";

    private ImageReaders() {
    }

    /**
     * A new reader of the given name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the available readers when none has that name (a missing
     *                                  {@code "dicom"} means mammo-dicom is not on the class path)
     */
    public static ImageReader named(String name) {
        Objects.requireNonNull(name, "name");
        String key = name.strip().toLowerCase(Locale.ROOT);
        Map<String, ImageReaderProvider> found = providers();
        if (key.equals(AUTO)) {
            if (found.isEmpty()) {
                throw new IllegalArgumentException("reader 'auto': no image reader found on the class path "
                        + "(add mammo-dicom)");
            }
            List<ImageReader> all = new ArrayList<>();
            ImageReaderProvider dicom = found.get(DEFAULT);
            if (dicom != null) {
                all.add(dicom.create());
            }
            found.forEach((n, p) -> {
                if (!n.equals(DEFAULT)) {
                    all.add(p.create());
                }
            });
            return new FirstAcceptingReader(all);
        }
        ImageReaderProvider p = found.get(key);
        if (p == null) {
            throw new IllegalArgumentException("reader must be one of " + available() + ", got '" + name + "'"
                    + (key.equals(DEFAULT) ? " (mammo-dicom is not on the class path)" : ""));
        }
        return p.create();
    }

    /** The default reader, {@code named("dicom")}. */
    public static ImageReader defaultReader() {
        return named(DEFAULT);
    }

    /** The names {@link #named} accepts here, sorted, {@code "auto"} included. */
    public static List<String> available() {
        List<String> names = new ArrayList<>(providers().keySet());
        names.add(AUTO);
        names.sort(null);
        return names;
    }

    private static Map<String, ImageReaderProvider> providers() {
        Map<String, ImageReaderProvider> byName = new TreeMap<>();
        for (ImageReaderProvider p : ServiceLoader.load(ImageReaderProvider.class, ImageReaders.class.getClassLoader())) {
            byName.putIfAbsent(p.name().toLowerCase(Locale.ROOT), p);
        }
        return byName;
    }

    /** Reads each file with the first reader that accepts it. */
    private static final class FirstAcceptingReader implements ImageReader {
        private final List<ImageReader> readers;

        FirstAcceptingReader(List<ImageReader> readers) {
            this.readers = List.copyOf(readers);
        }

        @Override
        public boolean isImage(Path file) {
            return readers.stream().anyMatch(r -> r.isImage(file));
        }

        @Override
        public ImageMetadata readMetadata(Path file) throws MammoException {
            return pick(file).readMetadata(file);
        }

        @Override
        public DecodedImage read(Path file, int frame) throws MammoException {
            return pick(file).read(file, frame);
        }

        @Override
        public DecodedImage read(Path file, int frame, FrameBuffers buffers) throws MammoException {
            return pick(file).read(file, frame, buffers);
        }

        private ImageReader pick(Path file) throws MammoException {
            for (ImageReader r : readers) {
                if (r.isImage(file)) {
                    return r;
                }
            }
            throw new MammoException(Stage.READ, "'" + file.getFileName() + "' is not an image any reader knows ("
                    + available() + ")");
        }
    }
}
