package org.mammoembed.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mammoembed.embed.Preprocessing;

/** The job's options, the recipe params and the executor core count, without a Spark session. */
class SparkOptionsTest {

    @Test
    void defaultRecipeIsTheLibraryDefault() {
        assertEquals(Preprocessing.defaults().describe(), PreprocessingRecipe.DEFAULTS.build().describe());
        assertEquals(Preprocessing.seedCompatible().describe(), new PreprocessingRecipe(224, "percentile:0.5:99.5",
                "BICUBIC", "short-side-crop:512", PreprocessingRecipe.DEFAULTS.mean(),
                PreprocessingRecipe.DEFAULTS.std(), false).build().describe());
    }

    @Test
    void badRecipeValuesNameTheParam() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PreprocessingRecipe.windowing("median"))
                .getMessage().startsWith("windowing must be"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PreprocessingRecipe.geometry("crop"))
                .getMessage().startsWith("geometry must be"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PreprocessingRecipe.resize("nearest"))
                .getMessage().startsWith("resize must be"));
    }

    @Test
    void argumentsAreCheckedWithTheOptionName() {
        JobArguments a = JobArguments.parse("--master", "local[2]", "--csv", "c.csv", "--dicom-root", "d",
                "--outdir", "o", "--partitions", "8", "--assemble");
        assertEquals(8, a.partitions());
        assertTrue(a.assemble());
        assertEquals(32, a.batchSize());
        assertEquals("--outdir is required", assertThrows(IllegalArgumentException.class,
                () -> JobArguments.parse("--csv", "c", "--dicom-root", "d")).getMessage());
        assertEquals("--partitions must be a positive integer, got '0'", assertThrows(IllegalArgumentException.class,
                () -> JobArguments.parse("--csv", "c", "--dicom-root", "d", "--outdir", "o", "--partitions", "0"))
                .getMessage());
        assertEquals("unknown option '--gpu'", assertThrows(IllegalArgumentException.class,
                () -> JobArguments.parse("--gpu")).getMessage());
    }

    @Test
    void executorCoresFollowTheMaster() {
        assertEquals(2, ExecutorCores.ofMaster("local[2]"));
        assertEquals(3, ExecutorCores.ofMaster("local[3,2]"));
        assertEquals(1, ExecutorCores.ofMaster("local"));
        assertEquals(Runtime.getRuntime().availableProcessors(), ExecutorCores.ofMaster("local[*]"));
    }
}
