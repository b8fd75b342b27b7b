package dev.tfjlabs.keras.metrics;

import dev.tfjlabs.keras.losses.Loss;
import dev.tfjlabs.keras.losses.MeanAbsoluteError;
import dev.tfjlabs.keras.losses.MeanAbsolutePercentageError;
import dev.tfjlabs.keras.losses.MeanSquaredError;
import dev.tfjlabs.keras.losses.MeanSquaredLogarithmicError;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keras's metric strings, as {@code compile(metrics=[...])} takes them: {@code accuracy}
 * (resolved by the loss and the output, see {@link Accuracy#resolve}), the three accuracies by
 * name, and the mean errors ({@code mse}, {@code mae}, {@code mape}, {@code msle} and their long
 * names), {@code root_mean_squared_error}, {@code auc}, {@code precision} and {@code recall}
 * with Keras's defaults, the probabilistic and hinge metrics by their loss's name, each
 * logged under the name it was given.
 */
public final class Metrics {
  private static final Map<String, Supplier<Loss>> MEAN_ERRORS = Map.of(
      "mse", MeanSquaredError::new, "mean_squared_error", MeanSquaredError::new,
      "mae", MeanAbsoluteError::new, "mean_absolute_error", MeanAbsoluteError::new,
      "mape", MeanAbsolutePercentageError::new,
      "mean_absolute_percentage_error", MeanAbsolutePercentageError::new,
      "msle", MeanSquaredLogarithmicError::new,
      "mean_squared_logarithmic_error", MeanSquaredLogarithmicError::new);

  /**
   * Keras's probabilistic and hinge metrics, each the mean of the loss function of its name
   * (the defaults: probabilities, no label smoothing).
   */
  private static final Map<String, Supplier<Loss>> MEAN_LOSSES = Map.of(
      "binary_crossentropy", dev.tfjlabs.keras.losses.BinaryCrossentropy::new,
      "categorical_crossentropy", dev.tfjlabs.keras.losses.CategoricalCrossentropy::new,
      "sparse_categorical_crossentropy",
      dev.tfjlabs.keras.losses.SparseCategoricalCrossentropy::new,
      "kl_divergence", dev.tfjlabs.keras.losses.KLDivergence::new,
      "poisson", dev.tfjlabs.keras.losses.Poisson::new,
      "hinge", dev.tfjlabs.keras.losses.Hinge::new,
      "squared_hinge", dev.tfjlabs.keras.losses.SquaredHinge::new,
      "categorical_hinge", dev.tfjlabs.keras.losses.CategoricalHinge::new,
      "logcosh", dev.tfjlabs.keras.losses.LogCosh::new);

  private static final Map<String, Accuracy.Kind> ACCURACIES = Map.of(
      "binary_accuracy", Accuracy.Kind.BINARY,
      "categorical_accuracy", Accuracy.Kind.CATEGORICAL,
      "sparse_categorical_accuracy", Accuracy.Kind.SPARSE_CATEGORICAL);

  /** Keras's metric classes that are the mean of the loss class of the same name. */
  private static final java.util.Set<String> LOSS_METRICS = java.util.Set.of("MeanSquaredError",
      "MeanAbsoluteError", "MeanAbsolutePercentageError", "MeanSquaredLogarithmicError",
      "BinaryCrossentropy", "CategoricalCrossentropy", "SparseCategoricalCrossentropy",
      "KLDivergence", "Poisson", "Hinge", "SquaredHinge", "CategoricalHinge");

  private static final String TOP_K = "top_k_categorical_accuracy";
  private static final String SPARSE_TOP_K = "sparse_top_k_categorical_accuracy";

  private Metrics() {}

  /** Keras's base metric config: {@code name} and {@code dtype}, to add the metric's own to. */
  static java.util.Map<String, Object> baseConfig(String name) {
    java.util.Map<String, Object> c = new java.util.LinkedHashMap<>();
    c.put("name", name);
    c.put("dtype", "float32");
    return c;
  }

  /** Keras's serialised metric: {@code module}, {@code class_name}, {@code config}. */
  static java.util.Map<String, Object> serialized(String className,
      java.util.Map<String, Object> config) {
    java.util.Map<String, Object> s = new java.util.LinkedHashMap<>();
    s.put("module", "keras.metrics");
    s.put("class_name", className);
    s.put("config", config);
    s.put("registered_name", null);
    return s;
  }

  /**
   * The metric of a Keras dict entry that has arguments ({@code AUC}, {@code Precision},
   * {@code Recall}, {@code F1Score}, {@code FBetaScore}, the named accuracies, the top-k accuracies, by class name),
   * or null for an entry
   * {@link #get} reads by name.
   */
  public static Metric fromConfig(com.fasterxml.jackson.databind.JsonNode entry,
      dev.tfjlabs.keras.config.Source source) {
    if (entry == null || !entry.isObject() || !entry.has("class_name")) {
      return null;
    }
    String cls = entry.get("class_name").asText();
    if (LOSS_METRICS.contains(cls)) {
      return lossMetric(cls, entry.get("config"), source);
    }
    var c = dev.tfjlabs.keras.config.Config.of(cls, entry.get("config"), source);
    Metric m = switch (cls) {
      case "AUC" -> AUC.fromConfig(c);
      case "Precision" -> Precision.fromConfig(c);
      case "Recall" -> Recall.fromConfig(c);
      case "F1Score" -> F1Score.fromConfig(c);
      case "FBetaScore" -> FBetaScore.fromConfig(c);
      case "BinaryAccuracy" -> Accuracy.fromConfig(c, Accuracy.Kind.BINARY);
      case "CategoricalAccuracy" -> Accuracy.fromConfig(c, Accuracy.Kind.CATEGORICAL);
      case "SparseCategoricalAccuracy" -> Accuracy.fromConfig(c, Accuracy.Kind.SPARSE_CATEGORICAL);
      case "TopKCategoricalAccuracy" -> TopKAccuracy.fromConfig(c, false);
      case "SparseTopKCategoricalAccuracy" -> TopKAccuracy.fromConfig(c, true);
      default -> null;
    };
    if (m != null) {
      c.done();
    }
    return m;
  }

  /**
   * A Keras metric class that wraps a loss, from its config: the loss built from the same
   * config ({@code from_logits}, {@code label_smoothing}, {@code axis}) under the metric's name;
   * null where it has the defaults and a name {@link #get} reads, which the name path computes.
   */
  private static Metric lossMetric(String cls, com.fasterxml.jackson.databind.JsonNode config,
      dev.tfjlabs.keras.config.Source source) {
    Loss loss = dev.tfjlabs.keras.losses.Losses.REGISTRY.build(cls, config, source);
    Loss plain = dev.tfjlabs.keras.losses.Losses.REGISTRY.build(cls, null, source);
    String name = config != null && config.hasNonNull("name") ? config.get("name").asText()
        : dev.tfjlabs.keras.config.Registry.snakeCase(cls);
    java.util.Map<String, Object> args = new java.util.HashMap<>(loss.getConfig());
    java.util.Map<String, Object> defaults = new java.util.HashMap<>(plain.getConfig());
    args.remove("name");
    defaults.remove("name");
    if (args.equals(defaults) && names().contains(name)) {
      return null;
    }
    return new MeanMetric(name, loss, cls);
  }

  /** Every metric name {@link #get} takes. */
  public static List<String> names() {
    List<String> all = new java.util.ArrayList<>(List.of("accuracy", "acc"));
    all.addAll(new java.util.TreeSet<>(ACCURACIES.keySet()));
    all.addAll(List.of(TOP_K, SPARSE_TOP_K));
    all.addAll(new java.util.TreeSet<>(MEAN_ERRORS.keySet()));
    all.addAll(List.of("root_mean_squared_error", "auc", "precision", "recall"));
    all.addAll(new java.util.TreeSet<>(MEAN_LOSSES.keySet()));
    return all;
  }

  /**
   * The metric Keras's string {@code name} stands for, on an output of {@code outputUnits}
   * trained with {@code loss}.
   *
   * @throws IllegalArgumentException naming the metrics this library has
   */
  public static Metric get(String name, Loss loss, int outputUnits) {
    if (name.equals("accuracy") || name.equals("acc")) {
      return Accuracy.resolve(loss, outputUnits);
    }
    if (ACCURACIES.containsKey(name)) {
      return new Accuracy(ACCURACIES.get(name), name);
    }
    if (name.equals(TOP_K) || name.equals(SPARSE_TOP_K)) {
      return new TopKAccuracy(name.equals(SPARSE_TOP_K), 5, name);
    }
    if (MEAN_ERRORS.containsKey(name)) {
      return new MeanMetric(name, MEAN_ERRORS.get(name).get());
    }
    if (MEAN_LOSSES.containsKey(name)) {
      return new MeanMetric(name, MEAN_LOSSES.get(name).get());
    }
    switch (name) {
      case "auc" -> {
        return new AUC();
      }
      case "precision" -> {
        return new Precision();
      }
      case "recall" -> {
        return new Recall();
      }
      case "root_mean_squared_error" -> {
        return new RootMeanSquaredError();
      }
      default -> { }
    }
    throw new IllegalArgumentException("Unknown metric '" + name + "'; this library has "
        + String.join(", ", names()));
  }
}
