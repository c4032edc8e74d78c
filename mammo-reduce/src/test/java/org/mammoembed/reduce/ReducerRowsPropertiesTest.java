package org.mammoembed.reduce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mammoembed.core.Projection;
import org.mammoembed.core.Reducer;

/**
 * For any small matrix (1-14 rows, 1-6 columns, values from a small set so that duplicates and constant
 * columns are common), every reducer returns one finite row per input row, twice the same.
 */
class ReducerRowsPropertiesTest {

    @Property(tries = 40)
    void everyReducerReturnsOneFiniteRowPerInputDeterministically(@ForAll("matrices") float[][] x) {
        List<Reducer> reducers = List.of(Pca.builder().build(), Pca.builder().components(3).whiten(true).build(),
                Tsne.builder().iterations(300).build(), Tsne.builder().iterations(300).theta(0).build(),
                Umap.builder().epochs(100).build(),
                Umap.builder().neighbours(2).epochs(100).dimensions(3).build());
        for (Reducer r : reducers) {
            Projection a = r.fitTransform(x);
            assertEquals(x.length, a.rows(), r.name());
            assertEquals(r.dimensions(), a.coordinates()[0].length, r.name());
            TestData.assertFinite(a.coordinates());
            Projection b = r.fitTransform(x);
            for (int i = 0; i < x.length; i++) {
                assertArrayEquals(a.coordinates()[i], b.coordinates()[i], r.name());
            }
        }
    }

    @Provide
    Arbitrary<float[][]> matrices() {
        Arbitrary<Float> value = Arbitraries.of(-3f, -1f, 0f, 0.5f, 1f, 2f, 100f);
        return Combinators.combine(Arbitraries.integers().between(1, 14), Arbitraries.integers().between(1, 6))
                .flatAs((n, d) -> value.array(float[].class).ofSize(d).array(float[][].class).ofSize(n));
    }
}
