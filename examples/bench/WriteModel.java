import java.nio.file.Files;
import java.nio.file.Path;
import org.mammoembed.embed.OnnxModels;

/** Writes a test network: "tiny" (64 features) or "resnet50" (random weights, 2048 features). Args: KIND OUT SEED. */
public class WriteModel {
    public static void main(String[] args) throws Exception {
        long seed = Long.parseLong(args[2]);
        if (args[0].equals("tiny")) {
            Files.write(Path.of(args[1]), OnnxModels.tinyResNet(seed));
        } else {
            OnnxModels.writeRandomResNet50(seed, Path.of(args[1]));
        }
    }
}
