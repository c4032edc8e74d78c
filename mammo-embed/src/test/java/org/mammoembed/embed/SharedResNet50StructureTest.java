package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mammoembed.embed.internal.onnx.OnnxModelReader;

/**
 * Opt-in ({@code -Dmammo.models=...}): our ResNet50 has the structure of the shared
 * {@code resnet50-random-seed42.onnx}, exported by PyTorch from torchvision's resnet50. The weights differ
 * (torch's random generator is not ours), so only structure is compared.
 */
class SharedResNet50StructureTest {

    private static byte[] sharedBytes;
    private static byte[] ourBytes;

    @BeforeAll
    static void load() throws IOException {
        String folder = System.getProperty("mammo.models", "");
        assumeTrue(!folder.isBlank(), "set -Dmammo.models to the shared models folder to run this test");
        Path file = Path.of(folder, "resnet50-random-seed42.onnx");
        assumeTrue(Files.isRegularFile(file), "missing " + file);
        sharedBytes = Files.readAllBytes(file);
        ourBytes = FeatureExtractorHarness.resnet50Seed42();
    }

    @Test
    void convolutionSequenceIsTheSameAsTheTorchExport() {
        OnnxModelReader.Model shared = OnnxModelReader.parse(sharedBytes);
        OnnxModelReader.Model ours = OnnxModelReader.parse(ourBytes);
        assertEquals(shared.count("Conv"), ours.count("Conv"));
        assertEquals(shared.count("Add"), ours.count("Add"));
        assertEquals(shared.count("Relu"), ours.count("Relu"));
        assertEquals(shared.count("MaxPool"), ours.count("MaxPool"));
        assertEquals(ResNet50TopologyTest.convSpecs(shared), ResNet50TopologyTest.convSpecs(ours));
        assertEquals(ResNet50TopologyTest.CONV_SPECS, ResNet50TopologyTest.convSpecs(shared),
                "the python oracle and the torch export agree too");
        assertEquals(names(shared.inputs()), names(ours.inputs()));
        assertEquals(names(shared.outputs()), names(ours.outputs()));
    }

    private static List<String> names(List<OnnxModelReader.Value> values) {
        return values.stream().map(OnnxModelReader.Value::name).toList();
    }

    @Test
    void onnxRuntimeSeesTheSameInterface() throws OrtException {
        try (OrtSession theirs = FeatureExtractorHarness.open(sharedBytes);
             OrtSession ours = FeatureExtractorHarness.open(ourBytes)) {
            assertEquals(theirs.getInputNames(), ours.getInputNames());
            assertEquals(theirs.getOutputNames(), ours.getOutputNames());
            TensorInfo theirIn = (TensorInfo) theirs.getInputInfo().get("input").getInfo();
            TensorInfo ourIn = (TensorInfo) ours.getInputInfo().get("input").getInfo();
            TensorInfo theirOut = (TensorInfo) theirs.getOutputInfo().get("features").getInfo();
            TensorInfo ourOut = (TensorInfo) ours.getOutputInfo().get("features").getInfo();
            assertEquals(Arrays.toString(theirIn.getShape()), Arrays.toString(ourIn.getShape()));
            assertEquals(Arrays.toString(theirOut.getShape()), Arrays.toString(ourOut.getShape()));
        }
    }
}
