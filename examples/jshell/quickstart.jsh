// mammo-embed in JShell: embed a folder of DICOM files, then PCA.
//
// From the repository root, once:
//   mvn -o -q install -DskipTests
//   mvn -o -q -pl examples dependency:build-classpath -Dmdep.outputFile=cp.txt -DincludeScope=runtime
// (writes examples/cp.txt: the library jars and their dependencies), then:
//   FOLDER=/tmp/demo/data/archive jshell -R-Dlogback.configurationFile=examples/src/main/resources/logback.xml \
//       --class-path "$(cat examples/cp.txt)" examples/jshell/quickstart.jsh
// FOLDER: a folder of DICOM files (each first-level subfolder is an exam), e.g. the data written by
//   java -jar examples/target/mammography.jar demo --outdir /tmp/demo
// MODEL (optional): an exported ONNX network; without it the built-in ResNet50 with RANDOM weights is used,
//   which checks the plumbing but gives embeddings without image meaning.

import java.nio.file.Path;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.Projection;
import org.mammoembed.embed.EmbeddingExtractor;
import org.mammoembed.embed.EmbeddingExtractorBuilder;
import org.mammoembed.embed.OnnxModels;
import org.mammoembed.reduce.Pca;

Path folder = Path.of(System.getenv().getOrDefault("FOLDER", "/tmp/demo/data/archive"));
String modelFile = System.getenv().getOrDefault("MODEL", "");

EmbeddingExtractorBuilder builder = EmbeddingExtractor.builder().batchSize(16);
builder = modelFile.isEmpty() ? builder.model(OnnxModels.randomResNet50(42)) : builder.model(Path.of(modelFile));

EmbeddingResult result;
// the extractor holds a native ONNX Runtime session: close it when done
try (EmbeddingExtractor extractor = builder.build()) {
    result = extractor.extract(Dataset.fromFolder(folder));
}
System.out.println("embedded " + result.size() + " images x " + result.dimension() + " features, "
        + result.failures().size() + " failed");

Projection pca = Pca.builder().components(2).seed(42).build().fitTransform(result.toMatrix());
System.out.println("PCA explained variance ratio: " + java.util.Arrays.toString(pca.explainedVarianceRatio().orElseThrow()));
System.out.println("first image at " + java.util.Arrays.toString(pca.coordinates()[0]));
/exit
