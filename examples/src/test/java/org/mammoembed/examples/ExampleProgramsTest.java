package org.mammoembed.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.examples.programs.EmbedFolder;
import org.mammoembed.examples.programs.EmbedStudy;
import org.mammoembed.io.NpyReader;

/** The example programs give the same embeddings as the CLI on the same images, and the outputs they promise. */
class ExampleProgramsTest {
    @TempDir
    Path tmp;

    @Test
    void folderStudyAndCliAgree() throws Exception {
        Path csv = CliFixture.study(tmp.resolve("data"), 1);
        Path root = tmp.resolve("data/archive");
        Path model = CliFixture.tinyModel(tmp, CliFixture.MODEL_SEED);

        EmbeddingResult folder = EmbedFolder.embed(root, model);
        assertEquals(16, folder.size());
        assertEquals(64, folder.dimension());
        assertEquals("DEMO0000/L_CC.dcm", folder.index().get(0).record().relativePath());

        Path studyOut = tmp.resolve("study");
        EmbedStudy.main(new String[] {csv.toString(), root.toString(), studyOut.toString(),
                tmp.resolve("cache").toString(), model.toString()});
        NpyReader.NpyArray npy = NpyReader.read(studyOut.resolve("features.npy"));
        assertArrayEquals(new long[] {16, 64}, npy.shape());
        assertArrayEquals(folder.toArray(), npy.data(), "same images, same order, same network");
        assertTrue(java.nio.file.Files.exists(studyOut.resolve("run.json")));
        assertTrue(java.nio.file.Files.exists(studyOut.resolve("run.log")));
        List<Map<String, String>> joined = CliFixture.readCsv(studyOut.resolve("joined.csv"));
        assertEquals(16, joined.size());
        assertTrue(joined.get(0).containsKey("pca_1") && joined.get(0).containsKey("pca_2"));
        assertNotNull(ImageIO.read(studyOut.resolve("preview/pca_2d.png").toFile()));
        assertEquals(0, CliFixture.readCsv(studyOut.resolve("failures.csv")).size(), "no failures");

        Path cliOut = tmp.resolve("cli");
        CliFixture.Result r = CliFixture.run("embed", "--csv", csv.toString(), "--dicom-root", root.toString(),
                "--outdir", cliOut.toString(), "--model", model.toString());
        assertEquals(0, r.status(), r::all);
        assertArrayEquals(npy.data(), NpyReader.read(cliOut.resolve("features.npy")).data(), "CLI vs library");
    }
}
