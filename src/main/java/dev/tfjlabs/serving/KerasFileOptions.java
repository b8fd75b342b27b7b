package dev.tfjlabs.serving;

import dev.tfjlabs.data.FashionMnist;
import dev.tfjlabs.data.Mnist;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * What a Keras file does not say and a lab's {@code model.json} would: the pixel scaling of an
 * image model and the dataset of a 28 x 28 classifier (its class names and test set). Shared by
 * {@code predict} and {@code convert}.
 */
public final class KerasFileOptions {
  @Option(names = "--scale", paramLabel = "S", defaultValue = "0.00392156862745098",
      description = "For a Keras file: multiply image pixels by S (default 1/255, as the"
          + " notebooks scale them; 1 for none).")
  double scale;

  @Option(names = "--dataset", paramLabel = "NAME", defaultValue = FashionMnist.DATASET,
      description = "For a Keras image classifier: fashion-mnist (default) or mnist, its class"
          + " names and the test set of --idx-test.")
  String dataset;

  /** Opens {@code file} with these settings, after checking them. */
  KerasModelFile open(Path file) {
    return open(file, true);
  }

  /** As {@link #open(Path)}; {@code warnNonFinite} false leaves that check to the caller. */
  KerasModelFile open(Path file, boolean warnNonFinite) {
    if (!dataset.equals(FashionMnist.DATASET) && !dataset.equals(Mnist.DATASET)) {
      throw new BadInputException("--dataset must be " + FashionMnist.DATASET + " or "
          + Mnist.DATASET + ", got " + dataset);
    }
    if (!(scale > 0) || !Double.isFinite(scale)) {
      throw new BadInputException("--scale must be a positive number, got " + scale);
    }
    return KerasModelFile.open(file, scale, dataset, warnNonFinite);
  }
}
