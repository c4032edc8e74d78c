package org.mammoembed.io.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.BiRadsDensity;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;
import org.mammoembed.io.NpyWriter;

/** A run's features.npy and joined.csv joined back, for a run's own CSV and for a selection of its rows. */
class RunOutputsTest {
    @TempDir
    Path tmp;

    /** Four feature rows of 3 values: row r holds r*10, r*10+1, r*10+2. */
    private Path features() throws IOException {
        float[] v = new float[12];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i / 3) * 10 + i % 3;
        }
        Path f = tmp.resolve("features.npy");
        NpyWriter.write(f, v, 4, 3);
        return f;
    }

    private Path csv(String text) throws IOException {
        return Files.writeString(tmp.resolve("joined.csv"), text);
    }

    @Test
    void aSelectionOfRowsJoinsEachToTheFeatureRowItNames() throws Exception {
        Path csv = csv("""
                AccessionNumber,BI-RADS,ImagePath,EmbeddingIndex,Site,pca_1,Split
                E2,C,E2/b.dcm,3,north,0.5,train
                E1,,E1/a.dcm,1,south,0.1,test
                E2,3,E2/a.dcm,2,north,0.2,train
                """);
        Path root = tmp.resolve("dicom");
        EmbeddingResult r = RunOutputs.read(features(), csv, root);
        assertEquals(3, r.size());
        assertEquals(3, r.dimension());
        assertArrayEquals(new float[] {30, 31, 32}, r.row(0));
        assertArrayEquals(new float[] {10, 11, 12}, r.row(1));
        assertArrayEquals(new float[] {20, 21, 22}, r.row(2));
        var first = r.index().get(0);
        assertEquals(0, first.index());
        assertEquals("E2", first.record().accessionNumber());
        assertEquals(BiRadsDensity.C, first.record().density());
        assertEquals(root.resolve("E2/b.dcm").toAbsolutePath(), first.record().path());
        assertEquals("E2/b.dcm", first.record().relativePath());
        assertEquals(Map.of("Site", "north"), first.record().extraColumns(), "projection and Split columns dropped");
        assertEquals("", first.viewPosition(), "absent columns read as empty");
        assertNull(r.index().get(1).record().density(), "an empty label is an unlabelled image");

        EmbeddingResult labelled = r.labelled();
        assertEquals(2, labelled.size());
        assertEquals(List.of(0, 1), labelled.index().stream().map(e -> e.index()).toList());
        assertArrayEquals(new float[] {20, 21, 22}, labelled.row(1));
        assertEquals("E2/a.dcm", labelled.index().get(1).record().relativePath());

        MammoException notWhole = assertThrows(MammoException.class,
                () -> RunOutputs.readWhole(features(), csv, root));
        assertTrue(notWhole.getMessage().contains("has 3 rows"), notWhole.getMessage());
    }

    @Test
    void badRowsAreNamedByLineAndValue() throws Exception {
        Path npy = features();
        Path root = tmp.resolve("dicom");
        String head = "AccessionNumber,BI-RADS,ImagePath,EmbeddingIndex\n";
        for (String[] bad : new String[][] {{"E1,A,a.dcm,4", "EmbeddingIndex '4' is not a row of features.npy"},
                {"E1,A,a.dcm,-1", "EmbeddingIndex '-1'"}, {"E1,A,a.dcm,two", "EmbeddingIndex 'two'"},
                {"E1,5,a.dcm,0", "BI-RADS '5' is not a density label"}}) {
            Path csv = csv(head + "E0,B,b.dcm,0\n" + bad[0] + "\n");
            MammoException e = assertThrows(MammoException.class, () -> RunOutputs.read(npy, csv, root), bad[0]);
            assertEquals(Stage.READ, e.stage());
            assertTrue(e.getMessage().startsWith("joined.csv line 3: " + bad[1]), e.getMessage());
        }
        MammoException noColumn = assertThrows(MammoException.class,
                () -> RunOutputs.read(npy, csv("AccessionNumber,BI-RADS,EmbeddingIndex\nE0,B,0\n"), root));
        assertTrue(noColumn.getMessage().contains("no column ImagePath"), noColumn.getMessage());
        MammoException missing = assertThrows(MammoException.class,
                () -> RunOutputs.read(tmp.resolve("none.npy"), tmp.resolve("joined.csv"), root));
        assertTrue(missing.getMessage().startsWith("none.npy not found"), missing.getMessage());
    }

    @Test
    void aRunsOwnFilesReadWhole() throws Exception {
        Path csv = csv("""
                AccessionNumber,BI-RADS,ImagePath,EmbeddingIndex,ViewPosition,ImageLaterality
                E1,A,E1/a.dcm,0,CC,L
                E1,A,E1/b.dcm,1,MLO,L
                E2,D,E2/a.dcm,2,CC,R
                E2,D,E2/b.dcm,3,MLO,R
                """);
        EmbeddingResult r = RunOutputs.readWhole(features(), csv, tmp);
        assertEquals(4, r.size());
        assertEquals("MLO", r.index().get(3).viewPosition());
        assertEquals("R", r.index().get(3).laterality());
        assertArrayEquals(new float[] {30, 31, 32}, r.row(3));

        Path swapped = csv(Files.readString(csv).replace("E1/b.dcm,1", "E1/b.dcm,3").replace("E2/b.dcm,3",
                "E2/b.dcm,1"));
        MammoException e = assertThrows(MammoException.class, () -> RunOutputs.readWhole(features(), swapped, tmp));
        assertTrue(e.getMessage().contains("line 3: EmbeddingIndex 3, expected 1"), e.getMessage());
        assertEquals(4, RunOutputs.read(features(), swapped, tmp).size(), "as a selection it is fine");
    }
}
