package dev.tfjlabs.keras.saving;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.config.KerasVersion;
import dev.tfjlabs.keras.config.Registry;
import dev.tfjlabs.keras.config.Source;
import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.optimizers.Optimizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's table of the Keras classes read and written is the registries' own: every class,
 * every other name Keras accepts for it, and the arguments its config holds (the keys of
 * {@code getConfig}, which {@code fromConfig} reads back). When the registries change, the test
 * fails and writes the table to paste between the README's markers to
 * {@code target/keras-classes.md}.
 */
class RegistryTableTest {
  private static final Source KERAS_3 = new Source(KerasVersion.CURRENT);
  private static final Set<String> EVERY_LAYER = Set.of("name", "trainable", "dtype");

  /** The least config that builds each layer class. */
  private static final Map<String, String> MINIMAL = Map.ofEntries(
      Map.entry("Dense", "{\"units\": 1}"),
      Map.entry("Conv2D", "{\"filters\": 1, \"kernel_size\": 1}"),
      Map.entry("Dropout", "{\"rate\": 0.5}"),
      Map.entry("Embedding", "{\"input_dim\": 1, \"output_dim\": 1}"),
      Map.entry("CategoryEncoding", "{\"num_tokens\": 1}"),
      Map.entry("SimpleRNN", "{\"units\": 1}"),
      Map.entry("LSTM", "{\"units\": 1}"),
      Map.entry("GRU", "{\"units\": 1}"),
      Map.entry("InputLayer", "{\"batch_shape\": [null, 1]}"),
      Map.entry("Dot", "{\"axes\": 1}"),
      Map.entry("Conv1D", "{\"filters\": 1, \"kernel_size\": 1}"),
      Map.entry("Conv1DTranspose", "{\"filters\": 1, \"kernel_size\": 1}"),
      Map.entry("Conv3D", "{\"filters\": 1, \"kernel_size\": 1}"),
      Map.entry("Conv2DTranspose", "{\"filters\": 1, \"kernel_size\": 1}"),
      Map.entry("SeparableConv1D", "{\"filters\": 1, \"kernel_size\": 1}"),
      Map.entry("SeparableConv2D", "{\"filters\": 1, \"kernel_size\": 1}"),
      Map.entry("DepthwiseConv1D", "{\"kernel_size\": 1}"),
      Map.entry("DepthwiseConv2D", "{\"kernel_size\": 1}"),
      Map.entry("Activation", "{\"activation\": \"relu\"}"),
      Map.entry("Reshape", "{\"target_shape\": [1]}"),
      Map.entry("Permute", "{\"dims\": [1]}"),
      Map.entry("RepeatVector", "{\"n\": 1}"),
      Map.entry("GaussianNoise", "{\"stddev\": 0.1}"),
      Map.entry("GaussianDropout", "{\"rate\": 0.1}"),
      Map.entry("AlphaDropout", "{\"rate\": 0.1}"),
      Map.entry("SpatialDropout1D", "{\"rate\": 0.1}"),
      Map.entry("SpatialDropout2D", "{\"rate\": 0.1}"),
      Map.entry("SpatialDropout3D", "{\"rate\": 0.1}"),
      Map.entry("TimeDistributed", "{\"layer\": {\"class_name\": \"Dense\", \"config\":"
          + " {\"units\": 1}}}"),
      Map.entry("Bidirectional", "{\"layer\": {\"class_name\": \"LSTM\", \"config\": {\"units\": 1}}}"));

  private static String names(Collection<String> names) {
    return names.isEmpty() ? "" : names.stream().map(n -> "`" + n + "`")
        .collect(Collectors.joining(", "));
  }

  private static <T> List<String> rows(String kind, Registry<T> registry,
      java.util.function.BiFunction<String, T, Collection<String>> arguments) {
    List<String> rows = new ArrayList<>();
    registry.classes().forEach((cls, aliases) -> {
      T built;
      try {
        built = registry.build(cls, Config.parse(MINIMAL.getOrDefault(cls, kind.equals(
            "optimizer") ? "{\"learning_rate\": 0.01}" : "{}")), KERAS_3);
      } catch (IllegalArgumentException e) {
        rows.add("| " + kind + " | `" + cls + "` | " + names(aliases) + " | refused: "
            + e.getMessage().replaceFirst("^.*? holds", "holds").split(";")[0] + " |");
        return;
      }
      rows.add("| " + kind + " | `" + cls + "` | " + names(aliases) + " | "
          + names(arguments.apply(cls, built)) + " |");
    });
    return rows;
  }

  static String table() {
    List<String> lines = new ArrayList<>();
    lines.add("| kind | Keras class | other names accepted | config arguments |");
    lines.add("|---|---|---|---|");
    lines.addAll(rows("layer", KerasLayers.REGISTRY, (cls, l) -> l.getConfig().keySet().stream()
        .filter(k -> !EVERY_LAYER.contains(k)).toList()));
    lines.addAll(rows("initializer", Initializers.REGISTRY, (cls, i) -> i.config().keySet()));
    lines.addAll(rows("optimizer", Optimizers.REGISTRY, (cls, o) -> o.getConfig().keySet()));
    lines.addAll(rows("loss", dev.tfjlabs.keras.losses.Losses.REGISTRY,
        (cls, l) -> l.getConfig().keySet()));
    lines.addAll(rows("regularizer", dev.tfjlabs.keras.regularizers.Regularizers.REGISTRY,
        (cls, r) -> r.getConfig().keySet()));
    lines.addAll(rows("constraint", dev.tfjlabs.keras.constraints.Constraints.REGISTRY,
        (cls, c) -> c.getConfig().keySet()));
    for (Activation a : Activation.values()) {
      if (a != Activation.HARD_SIGMOID_KERAS_2) {
        lines.add("| activation | `" + a.kerasName() + "` | " + names(a.aliases()) + " |  |");
      }
    }
    return String.join("\n", lines) + "\n";
  }

  @Test
  void theReadmeTableIsTheRegistries() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String begin = "<!-- keras-classes: generated by RegistryTableTest -->\n";
    String end = "<!-- /keras-classes -->";
    int a = readme.indexOf(begin);
    int b = readme.indexOf(end);
    assertTrue(a >= 0 && b > a, "README.md lacks the markers " + begin.trim() + " ... " + end);
    String expected = table();
    Path generated = Path.of("target", "keras-classes.md");
    Files.writeString(generated, expected);
    assertTrue(readme.substring(a + begin.length(), b).equals(expected), "README.md's table"
        + " differs from the registries; paste " + generated + " between the markers");
  }
}
