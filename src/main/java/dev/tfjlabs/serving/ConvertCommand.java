package dev.tfjlabs.serving;

import dev.tfjlabs.io.AtomicFiles;
import dev.tfjlabs.keras.models.Model;
import dev.tfjlabs.keras.saving.KerasFile;
import dev.tfjlabs.keras.saving.ModelDescription;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code convert IN OUT}: a Keras {@code .keras} or {@code .h5} file to a SavedModel folder
 * with its {@code model.json} (for TensorFlow Serving, the stand-alone consumer and
 * {@code predict}), or a lab's SavedModel folder to a {@code .keras} file, from the
 * {@code model.keras} the lab wrote beside it (a SavedModel holds only an inference graph).
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Convert a Keras .keras/.h5 file to a SavedModel folder, or a lab's SavedModel"
        + " folder to a .keras file.")
public final class ConvertCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "IN", description = "A .keras/.h5 file, or a lab's"
      + " SavedModel folder.")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "The SavedModel folder to write"
      + " (for a Keras file), or the .keras file (for a SavedModel folder).")
  Path out;

  @Mixin KerasFileOptions keras;

  @Option(names = "--allow-non-finite", description = "Convert a Keras file even when some"
      + " weights hold NaN or infinite values (its SavedModel will not predict finite numbers).")
  boolean allowNonFinite;

  @Override
  public Integer call() {
    String advice = AtomicFiles.adviseOnFullDisk("free space, or give an OUT on another device");
    try {
      if (KerasFile.isKerasFile(in)) {
        toSavedModel();
      } else if (Files.isDirectory(in)) {
        toKeras();
      } else {
        throw new BadInputException(in + " is neither a .keras/.h5 file nor a SavedModel folder");
      }
      return 0;
    } finally {
      AtomicFiles.adviseOnFullDisk(advice);
    }
  }

  private void toSavedModel() {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new BadInputException(out + " exists and is not a folder; give a folder for the"
          + " SavedModel");
    }
    boolean replacing = !isEmptyFolder(out);
    if (replacing && !isOurSavedModel(out)) {
      throw new BadInputException(out + " is a folder holding other files (not a SavedModel"
          + " with model.json, as convert and the labs write); nothing was changed: give a new or"
          + " empty folder");
    }
    try (KerasModelFile k = keras.open(in, false)) {
      Model m = k.model();
      String bad = KerasFile.nonFinite(m);
      if (bad != null && !allowNonFinite) {
        throw new IllegalStateException(in + ": " + bad + "; nothing was written (convert"
            + " --allow-non-finite converts it anyway)");
      }
      ModelDescription d = k.description();
      m.save(out, Map.of("model.json", d.toJson()));
      System.out.println((replacing ? "Replaced the SavedModel in " : "Wrote ") + out
          + " (SavedModel: tag " + d.tag() + ", signature " + d.signature() + ", "
          + specs("input", d.allInputs()) + ", " + specs("output", d.allOutputs())
          + ") with model.json" + (bad == null ? "" : "; " + bad));
    }
  }

  /** Whether {@code dir} does not exist or holds nothing. */
  private static boolean isEmptyFolder(Path dir) {
    if (!Files.isDirectory(dir)) {
      return true;
    }
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (java.io.IOException e) {
      throw new UncheckedIOException("cannot read the folder " + dir, e);
    }
  }

  /** A SavedModel folder with the {@code model.json} that convert and the labs write. */
  private static boolean isOurSavedModel(Path dir) {
    return Files.isRegularFile(dir.resolve("saved_model.pb"))
        && Files.isRegularFile(dir.resolve("model.json"));
  }

  /** "input [-1, 28, 28]", or "inputs a [-1, 3], b [-1, 2]" for several. */
  private static String specs(String what, java.util.List<ModelDescription.TensorSpec> specs) {
    if (specs.size() == 1 && (specs.get(0).name().equals("input")
        || specs.get(0).name().equals("output"))) {
      return what + " " + specs.get(0).shape();
    }
    return what + "s " + specs.stream().map(t -> t.name() + " " + t.shape())
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private void toKeras() {
    if (!out.getFileName().toString().endsWith(".keras")) {
      throw new BadInputException("OUT must be a .keras file, got " + out);
    }
    Path keras = in.resolve(KerasFile.IN_SAVED_MODEL);
    if (!Files.isRegularFile(keras)) {
      throw new BadInputException(in + " has no " + KerasFile.IN_SAVED_MODEL + ": a SavedModel holds only an"
          + " inference graph, so only a folder a lab wrote with its " + KerasFile.IN_SAVED_MODEL + " converts"
          + " (the TensorFlow 1 lab's models have no Keras form)");
    }
    try (Model m = KerasFile.load(keras)) {
      KerasFile.save(m, out);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new BadInputException(e.getMessage());
    }
    System.out.println("Wrote " + out);
  }
}
