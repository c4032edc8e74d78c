package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mammoembed.embed.internal.onnx.OnnxModelReader;

/** The tiny model is a real (small) residual network: stem, four bottleneck stages with downsampling, pooling. */
class TinyResNetTopologyTest {

    @Test
    void tinyResNetIsAStemPlusFourBottleneckStages() {
        OnnxModelReader.Model model = OnnxModelReader.parse(OnnxModels.tinyResNet(5));
        // stem 7x7/2 to 8 channels; stage widths 4, 8, 12, 16 (x4 out); each stage's block changes the
        // channel count, so each has a 1x1 downsample conv, with stride 2 from the second stage on
        assertEquals("8,3,7,2,3 4,8,1,1,0 4,4,3,1,1 16,4,1,1,0 16,8,1,1,0 "
                + "8,16,1,1,0 8,8,3,2,1 32,8,1,1,0 32,16,1,2,0 "
                + "12,32,1,1,0 12,12,3,2,1 48,12,1,1,0 48,32,1,2,0 "
                + "16,48,1,1,0 16,16,3,2,1 64,16,1,1,0 64,48,1,2,0", ResNet50TopologyTest.convSpecs(model));
        assertEquals(4, model.count("Add"));
        assertEquals(1 + 3 * 4, model.count("Relu"));
        assertEquals(1, model.count("GlobalAveragePool"));
        assertEquals(List.of("batch", "3", "224", "224"), model.inputs().get(0).dims());
        assertEquals(List.of("batch", String.valueOf(OnnxModels.TINY_FEATURES)), model.outputs().get(0).dims());
    }
}
