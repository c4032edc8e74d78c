package org.mammoembed.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mammoembed.core.Aggregation;
import org.mammoembed.core.ImageReaders;
import org.mammoembed.embed.Device;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for the options' value types. Each message says what the option wants and echoes the bad
 * value; {@link Mammography} prefixes it with the command and the option ("embed: --batch-size must be ...").
 */
final class CliConverters {
    private CliConverters() {
    }

    /** Parses, then checks; a failure of either reports {@code what} and the text. */
    private static <T> T checked(String text, Function<String, T> parse, Predicate<T> valid, String what) {
        try {
            T value = parse.apply(text.trim());
            if (valid.test(value)) {
                return value;
            }
        } catch (RuntimeException e) {
            // reported below, as an out-of-range value is
        }
        throw new TypeConversionException("must be " + what + ", got '" + text + "'");
    }

    /** An integer {@code >= 1}. */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return checked(text, Integer::parseInt, n -> n > 0, "a positive integer");
        }
    }

    /** An integer {@code >= 0}. */
    static final class NonNegativeInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return checked(text, Integer::parseInt, n -> n >= 0, "an integer >= 0");
        }
    }

    /** A long {@code >= 0}. */
    static final class NonNegativeLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            return checked(text, Long::parseLong, n -> n >= 0, "an integer >= 0");
        }
    }

    /** Any long (seeds). */
    static final class AnyLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            return checked(text, Long::parseLong, n -> true, "an integer");
        }
    }

    /** A number in [0, 1]. */
    static final class Fraction implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            return checked(text, Double::parseDouble, d -> d >= 0 && d <= 1, "a number in [0, 1]");
        }
    }

    /** {@code cpu}, {@code auto}, {@code cuda} or {@code cuda:N}. */
    static final class DeviceConverter implements ITypeConverter<Device> {
        @Override
        public Device convert(String text) {
            try {
                return Device.parse(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("must be cpu, auto, cuda or cuda:N, got '" + text + "'");
            }
        }
    }

    /** The name of an image reader found on the class path ({@link ImageReaders#available()}). */
    static final class ReaderName implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            String name = text.strip().toLowerCase(Locale.ROOT);
            if (!ImageReaders.available().contains(name)) {
                throw new TypeConversionException("must be one of " + String.join(", ", ImageReaders.available())
                        + ", got '" + text + "'");
            }
            return name;
        }
    }

    /** {@code mean} or {@code max}. */
    static final class AggregationConverter implements ITypeConverter<Aggregation> {
        @Override
        public Aggregation convert(String text) {
            try {
                return Aggregation.valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("must be mean or max, got '" + text + "'");
            }
        }
    }

    /**
     * {@code --include-tags}: comma-separated tag numbers as {@code GGGGEEEE} or {@code (GGGG,EEEE)} hex, e.g.
     * {@code 00100020,(0008,1030)}. These are the only way patient identifiers reach an output.
     */
    static final class TagsConverter implements ITypeConverter<List<Integer>> {
        private static final Pattern TAG = Pattern.compile("\\(?\\s*([0-9A-Fa-f]{4})\\s*,?\\s*([0-9A-Fa-f]{4})\\s*\\)?");

        @Override
        public List<Integer> convert(String text) {
            List<Integer> tags = new ArrayList<>();
            if (text.isBlank()) {
                return tags;
            }
            for (String part : text.split(",(?![^(]*\\))")) {
                Matcher m = TAG.matcher(part.trim());
                if (!m.matches()) {
                    throw new TypeConversionException("wants tag numbers like 00100020 or (0010,0020), got '"
                            + part.trim() + "'");
                }
                tags.add(Integer.parseUnsignedInt(m.group(1) + m.group(2), 16));
            }
            return List.copyOf(tags);
        }
    }
}
