package dev.tfjlabs.keras.saving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tfjlabs.io.AtomicFiles;
import dev.tfjlabs.keras.config.KerasVersion;
import dev.tfjlabs.keras.config.Source;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.Weight;
import dev.tfjlabs.keras.losses.Loss;
import dev.tfjlabs.keras.metrics.Metrics;
import dev.tfjlabs.keras.metrics.WeightedMean;
import dev.tfjlabs.keras.metrics.Metric;
import dev.tfjlabs.keras.losses.Losses;
import dev.tfjlabs.keras.layers.rnn.Bidirectional;
import dev.tfjlabs.keras.layers.rnn.RNN;
import dev.tfjlabs.keras.layers.rnn.TimeDistributed;
import dev.tfjlabs.keras.models.Model;
import dev.tfjlabs.keras.optimizers.Optimizer;
import dev.tfjlabs.keras.optimizers.Optimizers;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * {@code keras.models.load_model} and {@code model.save("x.keras")} for Sequential models,
 * written by Keras 2.0 and later (the file's {@code keras_version} decides what version-dependent
 * names mean: Keras 2's {@code hard_sigmoid}).
 *
 * <p>Reads Keras 3's {@code .keras} zip ({@code config.json}, {@code metadata.json},
 * {@code model.weights.h5} with each layer's variables under {@code layers/<key>/vars/0..n},
 * {@code <key>} the snake_case class name with {@code _1}, {@code _2}... for repeats, recurrent
 * layers' under {@code cell/vars}, Bidirectional's under {@code forward_layer/} and
 * {@code backward_layer/}) and Keras 2's legacy {@code .h5} ({@code model_config},
 * {@code training_config}, {@code /model_weights/<layer>} with its {@code weight_names} in
 * creation order). A model compiled in the file comes back compiled with the same optimizer,
 * loss and metrics. Writes the {@code .keras} format of Keras 3.4.
 *
 * <p>A file that cannot be loaded (not a Keras file, a truncated zip, a functional model, an
 * unknown layer or argument, a missing or misshapen weight) fails with one
 * {@link IllegalArgumentException} that starts with the file's path; nothing is half-built.
 */
public final class KerasFile {
  /** The Keras file a lab writes inside each SavedModel folder it saves. */
  public static final String IN_SAVED_MODEL = "model.keras";

  /** The Keras version whose {@code .keras} layout this class writes. */
  public static final String KERAS_VERSION = "3.4.1";

  /**
   * The {@code metadata.json} entry of a {@code .keras} file written from a model whose
   * {@code hard_sigmoid} is Keras 2's ({@link #KERAS_2}); Keras 3 ignores it and computes its
   * own hard_sigmoid, as it does for the Keras 2 file itself.
   */
  static final String HARD_SIGMOID = "hard_sigmoid";

  static final String KERAS_2 = "keras_2";

  private static final ObjectMapper JSON = new ObjectMapper();

  private KerasFile() {}

  /** Whether {@code file} is named as a Keras model file ({@code .keras} or {@code .h5}). */
  public static boolean isKerasFile(Path file) {
    String name = file.getFileName().toString().toLowerCase();
    return name.endsWith(".keras") || name.endsWith(".h5") || name.endsWith(".hdf5");
  }

  /**
   * Loads a Sequential model with its weights, compiled as the file says when it holds a
   * compile (or training) config.
   *
   * @throws IllegalArgumentException starting with the file's path, saying what is wrong
   * @throws UncheckedIOException when the file cannot be read at all
   */
  public static Model load(Path file) {
    return load(file, Map.of());
  }

  /**
   * {@link #load(Path)} with sample shapes for inputs that the file leaves open, by input name:
   * {@code Map.of("input_3", new int[] {20, 4})} for a sequence input of any length
   * ({@code batch_shape [None, None, 4]}), whose recurrent layers this library unrolls over a
   * fixed number of steps.
   */
  public static Model load(Path file, Map<String, int[]> inputShapes) {
    Model m = loadUnchecked(file, inputShapes);
    String bad = nonFinite(m);
    if (bad != null) {
      System.err.println("Warning: " + file + ": " + bad + "; its predictions will not be finite");
    }
    return m;
  }

  /**
   * The weights of {@code m} that hold NaN or infinite values, as one phrase
   * ({@code "dense/kernel holds 3 non-finite values (NaN or infinite)"}), or null when every
   * value is finite.
   */
  public static String nonFinite(Model m) {
    Map<String, Integer> bad = m.nonFiniteWeights();
    if (bad.isEmpty()) {
      return null;
    }
    return bad.entrySet().stream().map(e -> e.getKey() + " holds " + e.getValue()
        + " non-finite value" + (e.getValue() == 1 ? "" : "s")).collect(
            java.util.stream.Collectors.joining(", ")) + " (NaN or infinite)";
  }

  /** {@link #load(Path, Map)} without the warning about non-finite weights. */
  public static Model loadUnchecked(Path file, Map<String, int[]> inputShapes) {
    try {
      return read(file, inputShapes);
    } catch (IllegalArgumentException e) {
      throw KerasConfig.oneLine(e);
    }
  }

  private static Model read(Path file, Map<String, int[]> inputShapes) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such file");
    }
    byte[] magic = new byte[8];
    try (InputStream in = Files.newInputStream(file)) {
      int n = in.readNBytes(magic, 0, 8);
      if (n >= 4 && magic[0] == 'P' && magic[1] == 'K') {
        return loadKeras(file, inputShapes);
      }
      if (n == 8 && (magic[0] & 0xff) == 0x89 && magic[1] == 'H' && magic[2] == 'D'
          && magic[3] == 'F') {
        return loadH5(file, inputShapes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
    } catch (io.jhdf.exceptions.HdfException | ArithmeticException
        | java.nio.BufferUnderflowException e) {
      // jhdf's reading of a damaged HDF5 structure (a bad checksum, an unreadable header, an
      // offset that does not fit an unsigned 64-bit number, a structure cut short)
      throw new IllegalArgumentException(file + ": its HDF5 weights are damaged ("
          + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")", e);
    }
    throw new IllegalArgumentException(file + ": not a Keras model file (neither a .keras zip"
        + " nor an HDF5 .h5 file)");
  }

  private static Model loadKeras(Path file, Map<String, int[]> inputShapes) {
    JsonNode config;
    JsonNode metadata;
    byte[] weights;
    try (ZipFile zip = new ZipFile(file.toFile())) {
      config = JSON.readTree(entry(zip, "config.json", file, MAX_JSON));
      metadata = zip.getEntry("metadata.json") == null ? JSON.createObjectNode()
          : JSON.readTree(entry(zip, "metadata.json", file, MAX_JSON));
      weights = entry(zip, "model.weights.h5", file, Integer.MAX_VALUE - 8L);
    } catch (ZipException e) {
      throw new IllegalArgumentException(file + ": not a complete .keras file (" + e.getMessage()
          + ")");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      var at = e.getLocation();
      throw new IllegalArgumentException(file + ": its config is not valid JSON ("
          + e.getOriginalMessage().lines().findFirst().orElse("")
          + (at == null ? "" : ", line " + at.getLineNr() + " column " + at.getColumnNr())
          + ")");
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read the .keras file: "
          + e.getMessage());
    }
    KerasVersion written = KerasVersion.of(metadata.path("keras_version").asText("3"),
        "tensorflow");
    KerasVersion version = metadata.path(HARD_SIGMOID).asText().equals(KERAS_2)
        ? written.withKeras2HardSigmoid() : written;
    Model model = build(file, config, config.get("compile_config"), version, inputShapes, m -> {
      try (HdfFile h5 = HdfFile.fromBytes(weights)) {
        List<float[]> values = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        for (Layer layer : m.layers()) {
          String key = key(layer, counts);
          for (String group : variableGroups(layer, "layers/" + key)) {
            values.addAll(readVars(h5, group, file, layer));
          }
        }
        return values;
      }
    });
    if (model.optimizer() != null) {
      try (HdfFile h5 = HdfFile.fromBytes(weights)) {
        restoreOptimizer(h5, model, file, written);
      } catch (RuntimeException e) {
        model.close();
        throw e;
      }
    }
    return model;
  }

  /**
   * Keras 3's {@code optimizer/vars}: {@code iterations}, {@code learning_rate}, then the slots
   * in Keras's order; restored so that {@code fit} resumes where Keras stopped. Variables that
   * follow from the step count (Nadam's {@code u_product}: after {@code learning_rate} up to
   * Keras 3.9, after the slots since 3.10) are skipped. A count that does not match leaves the
   * optimizer fresh with a warning, as Keras's {@code load_own_variables} does.
   */
  private static void restoreOptimizer(HdfFile h5, Model model, Path file,
      KerasVersion written) {
    Node vars;
    try {
      vars = h5.getByPath("optimizer/vars");
    } catch (RuntimeException e) {
      return;
    }
    if (!(vars instanceof io.jhdf.api.Group g)) {
      return;
    }
    List<int[]> shapes = model.optimizerSlotShapes();
    int stored = g.getChildren().size();
    int extra = model.optimizer().kerasStepVariables(0).length;
    int first = (scheduled(model) ? 1 : 2)
        + (written.major() == 3 && written.minor() < 10 ? extra : 0);
    if (stored != shapes.size() + (scheduled(model) ? 1 : 2) + extra) {
      System.err.println("Warning: " + file + ": skipping the optimizer's variables: "
          + model.optimizer().name() + " has " + (shapes.size() + (scheduled(model) ? 1 : 2)
          + extra) + ", the file " + stored);
      return;
    }
    Object iterations = ((Dataset) g.getChild("0")).getData();
    long steps = iterations instanceof Number n ? n.longValue()
        : Array.getLong(iterations, 0);
    List<float[]> slots = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      float[] v = read(h5, "optimizer/vars/" + (i + first), file, model.layers().get(0));
      int size = Arrays.stream(shapes.get(i)).reduce(1, (a, b) -> a * b);
      if (v.length != size) {
        throw new IllegalArgumentException(file + ": optimizer variable " + (i + first) + " has "
            + v.length + " values, the optimizer's slot " + Arrays.toString(shapes.get(i)));
      }
      slots.add(v);
    }
    model.setOptimizerState(steps, slots);
  }

  /** Whether the model's optimizer follows a learning-rate schedule. */
  private static boolean scheduled(Model model) {
    return model.optimizer().learningRateSchedule() != null;
  }

  /** DEFLATE's largest ratio of inflated to compressed bytes (1032:1). */
  static final long MAX_INFLATION = 1032;
  /** The most a {@code config.json} or {@code metadata.json} may hold: 64 MiB. */
  static final long MAX_JSON = 64L << 20;

  /**
   * An entry of the zip, at most {@code max} bytes and read only as far as its compressed bytes
   * can reach: a declared size beyond {@link #MAX_INFLATION} times the entry's compressed size in
   * the file (a damaged header) or beyond {@code max} (a zip bomb) is refused before anything is
   * allocated, and so is content that inflates further than it declared.
   */
  private static byte[] entry(ZipFile zip, String name, Path file, long max) throws IOException {
    ZipEntry e = zip.getEntry(name);
    if (e == null) {
      throw new IllegalArgumentException(file + ": the .keras file has no " + name);
    }
    long compressed = e.getCompressedSize() < 0 ? Files.size(file)
        : Math.min(e.getCompressedSize(), Files.size(file));
    long reach = MAX_INFLATION * compressed + 1024;
    long limit = Math.min(max, reach);
    if (e.getSize() > limit) {
      throw new IllegalArgumentException(file + ": its " + name + " declares " + e.getSize()
          + " bytes, more than " + (e.getSize() > reach ? "its " + compressed
          + " compressed bytes can hold (a damaged file)" : "the " + max + " this reader takes"
          + " (a zip bomb?)"));
    }
    try (InputStream in = zip.getInputStream(e)) {
      byte[] bytes = in.readNBytes((int) (e.getSize() < 0 ? limit + 1 : e.getSize() + 1));
      if (bytes.length > limit || e.getSize() >= 0 && bytes.length > e.getSize()) {
        throw new IllegalArgumentException(file + ": its " + name + " inflates beyond "
            + Math.min(limit, e.getSize() < 0 ? limit : e.getSize()) + " bytes, what it declares"
            + " or this reader takes (a damaged file, or a zip bomb)");
      }
      return bytes;
    }
  }

  /**
   * Refuses a dataset or attribute whose declared size the HDF5 data cannot hold, before it is
   * read: a damaged or hostile header declaring billions of values would otherwise be allocated
   * (jhdf fills what the file lacks). Stored data is at most the container's {@code length}
   * bytes, or {@link #MAX_INFLATION} times that when compressed.
   */
  private static void checkDeclared(long values, long bytes, boolean compressed, long length,
      Path file, String what) {
    long room = compressed ? MAX_INFLATION * length : length;
    if (values > Integer.MAX_VALUE - 8L || bytes > room) {
      throw new IllegalArgumentException(file + ": " + what + " declares " + values
          + " values (" + bytes + " bytes), more than its " + length + " bytes of HDF5 data can"
          + " hold (a damaged file)");
    }
  }

  /** Keras's key of a layer in {@code model.weights.h5}: its class in snake case, numbered. */
  private static String key(Layer layer, Map<String, Integer> counts) {
    String base = layer.defaultName();
    int n = counts.merge(base, 1, Integer::sum) - 1;
    return n == 0 ? base : base + "_" + n;
  }

  /** The groups holding a layer's variables, in the order of its weights. */
  private static List<String> variableGroups(Layer layer, String path) {
    if (layer instanceof Bidirectional) {
      return List.of(path + "/forward_layer/cell/vars", path + "/backward_layer/cell/vars");
    }
    if (layer instanceof RNN) {
      return List.of(path + "/cell/vars");
    }
    if (layer instanceof TimeDistributed) {
      return List.of(path + "/layer/vars");
    }
    return List.of(path + "/vars");
  }

  private static List<float[]> readVars(HdfFile h5, String group, Path file, Layer layer) {
    List<float[]> out = new ArrayList<>();
    int expected = layer instanceof Bidirectional b
        ? b.directions().get(0).weights().size() : layer.weights().size();
    for (int i = 0; i < expected; i++) {
      out.add(read(h5, group + "/" + i, file, layer));
    }
    return out;
  }

  private static float[] read(HdfFile h5, String path, Path file, Layer layer) {
    Node node;
    try {
      node = h5.getByPath(path);
    } catch (RuntimeException e) {
      node = null;
    }
    if (!(node instanceof Dataset d)) {
      throw new IllegalArgumentException(file + ": layer " + layer.name() + " ("
          + layer.kerasType() + "): weight " + path + " is missing");
    }
    checkDeclared(d.getSize(), d.getSizeInBytes(), !d.getFilters().isEmpty(), h5.size(), file,
        "layer " + layer.name() + ": weight " + path);
    Object flat = d.getDataFlat();
    if (flat instanceof float[] f) {
      return f;
    }
    if (flat instanceof double[] dv) {
      float[] f = new float[dv.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) dv[i];
      }
      return f;
    }
    throw new IllegalArgumentException(file + ": layer " + layer.name() + ": weight " + path
        + " holds " + d.getJavaType() + ", not floats");
  }

  private static Model loadH5(Path file, Map<String, int[]> inputShapes) {
    // read from memory: a damaged header's declared sizes then end at the data's end instead of
    // being allocated and read from the file (jhdf trusts them)
    try (HdfFile h5 = HdfFile.fromBytes(h5Bytes(file))) {
      String modelConfig = attributeText(checked(h5.getAttribute("model_config"), h5, file));
      if (modelConfig == null) {
        throw new IllegalArgumentException(file + ": an HDF5 file without model_config, so not"
            + " a whole Keras model (a weights-only file?)");
      }
      String training = attributeText(checked(h5.getAttribute("training_config"), h5, file));
      JsonNode compile = training == null ? null : legacyCompile(parse(training, file));
      KerasVersion version = KerasVersion.of(
          attributeText(checked(h5.getAttribute("keras_version"), h5, file)),
          attributeText(checked(h5.getAttribute("backend"), h5, file)));
      return build(file, parse(modelConfig, file), compile, version, inputShapes, model -> {
        List<float[]> values = new ArrayList<>();
        for (Layer layer : model.layers()) {
          if (layer.weights().isEmpty()) {
            continue;
          }
          String group = "model_weights/" + layer.name();
          Node g;
          try {
            g = h5.getByPath(group);
          } catch (RuntimeException e) {
            g = null;
          }
          if (g == null) {
            throw new IllegalArgumentException(file + ": layer " + layer.name() + " ("
                + layer.kerasType() + ") has no weights in /" + group);
          }
          String[] names = attributeTexts(checked(g.getAttribute("weight_names"), h5, file));
          for (String name : names) {
            values.add(read(h5, group + "/" + name, file, layer));
          }
        }
        return values;
      });
    }
  }

  /** The bytes of a legacy {@code .h5} file, which must fit a Java array. */
  private static byte[] h5Bytes(Path file) {
    try {
      if (Files.size(file) > Integer.MAX_VALUE - 8L) {
        throw new IllegalArgumentException(file + ": an .h5 file over 2 GB is not read here;"
            + " save the model as .keras");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Keras 2's {@code training_config} as Keras 3's {@code compile_config}. */
  private static JsonNode legacyCompile(JsonNode training) {
    var c = JSON.createObjectNode();
    c.set("optimizer", training.get("optimizer_config"));
    c.set("loss", training.get("loss"));
    c.set("metrics", training.get("metrics"));
    return c;
  }

  private static JsonNode parse(String json, Path file) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": the model config is not valid JSON");
    }
  }

  /** {@code a} (or null), once its declared size is one the file can hold. */
  private static Attribute checked(Attribute a, HdfFile h5, Path file) {
    if (a != null) {
      // each value takes at least a byte of the file, whatever its type
      checkDeclared(a.getSize(), a.getSize(), false, h5.size(), file, "attribute " + a.getName());
    }
    return a;
  }

  private static String attributeText(Attribute a) {
    if (a == null) {
      return null;
    }
    Object v = a.getData();
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
    return v == null ? null : String.valueOf(v);
  }

  /** A name list, written as fixed- or variable-length strings (or absent: none). */
  private static String[] attributeTexts(Attribute a) {
    if (a == null || a.getData() == null) {
      return new String[0];
    }
    Object v = a.getData();
    if (v instanceof String s) {
      return new String[] {s};
    }
    String[] out = new String[Array.getLength(v)];
    for (int i = 0; i < out.length; i++) {
      Object e = Array.get(v, i);
      out[i] = e instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(e);
    }
    return out;
  }

  /** Reads a model's weights once it is built. */
  @FunctionalInterface
  private interface WeightReader {
    List<float[]> read(Model model);
  }

  /**
   * Builds, compiles and fills the model; closes it and adds the file's name on failure. The
   * reading's warnings are said once each, starting with the file's path.
   */
  private static Model build(Path file, JsonNode config, JsonNode compile,
      KerasVersion version, Map<String, int[]> inputShapes, WeightReader weights) {
    Model model = null;
    Source source = new Source(version, inputShapes);
    try {
      model = KerasConfig.modelFromConfig(config, source);
      if (compile != null && !compile.isNull() && compile.hasNonNull("optimizer")) {
        compile(model, compile, source);
      }
      List<float[]> values = weights.read(model);
      List<Weight> expected = new ArrayList<>();
      model.layers().forEach(l -> expected.addAll(l.weights()));
      if (values.size() != expected.size()) {
        throw new IllegalArgumentException("the file holds " + values.size() + " weight arrays,"
            + " the model " + expected.size());
      }
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i).length != expected.get(i).size()) {
          throw new IllegalArgumentException("weight " + expected.get(i).path() + " has "
              + values.get(i).length + " values in the file, the layer expects "
              + Arrays.toString(expected.get(i).shape()));
        }
      }
      model.setWeights(values);
      for (String w : source.warnings()) {
        System.err.println("Warning: " + file + ": " + w);
      }
      return model;
    } catch (RuntimeException e) {
      if (model != null) {
        model.close();
      }
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (m.startsWith(file.toString())) {
        throw e;
      }
      throw new IllegalArgumentException(file + ": " + m, e);
    }
  }

  /**
   * Compiles {@code model} as the file's compile (or training) config says. An optimizer or
   * loss this library does not have leaves the model uncompiled with a warning, as Keras's
   * {@code load_model} does when it cannot compile: it still predicts, converts and exports,
   * and {@code fit} says it must be compiled first.
   */
  private static void compile(Model model, JsonNode compile, Source source) {
    List<String> outputs = model.outputNames();
    Optimizer optimizer;
    List<Loss> losses = new ArrayList<>();
    try {
      optimizer = Optimizers.REGISTRY.get(compile.get("optimizer"), source);
      for (JsonNode entry : perOutput(compile.get("loss"), outputs, "loss")) {
        losses.add(Losses.REGISTRY.get(entry, source));
      }
    } catch (IllegalArgumentException e) {
      source.warn("the model is loaded uncompiled, for inference only: " + e.getMessage()
          + "; compile it before fit");
      return;
    }
    List<Double> weights = new ArrayList<>();
    JsonNode lossWeights = compile.get("loss_weights");
    for (JsonNode w : lossWeights == null || lossWeights.isNull()
        ? java.util.Collections.<JsonNode>nCopies(outputs.size(), null)
        : perOutput(lossWeights, outputs, "loss_weights")) {
      weights.add(w == null ? 1.0 : w.asDouble());
    }
    List<List<Metric>> metrics = metrics(model, compile.get("metrics"), losses, source);
    List<List<Metric>> weighted = metrics(model, compile.get("weighted_metrics"), losses,
        source);
    List<List<Metric>> all = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      List<Metric> mine = new ArrayList<>(metrics.get(i));
      try {
        mine.addAll(WeightedMean.after(mine, weighted.get(i)));
      } catch (IllegalArgumentException e) {
        source.warn(e.getMessage() + "; left out");
      }
      all.add(mine);
    }
    model.compileMetrics(optimizer, losses, weights, all);
  }

  /**
   * One compile entry of metrics ({@code metrics} or {@code weighted_metrics}) as each output's
   * list: one list for every output, a list of lists, or a dict by output name.
   */
  private static List<List<Metric>> metrics(Model model, JsonNode m, List<Loss> losses,
      Source source) {
    List<String> outputs = model.outputNames();
    boolean each = m != null && (m.isObject() && !m.has("class_name")
        || m.isArray() && m.size() == outputs.size() && outputs.size() > 1
        && java.util.stream.StreamSupport.stream(m.spliterator(), false)
            .allMatch(x -> x.isArray() || x.isNull()));
    List<List<Metric>> metrics = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      JsonNode mine = each ? (m.isObject() ? m.get(outputs.get(i)) : m.get(i)) : m;
      int[] shape = model.outputs().get(i).shape();
      Loss loss = losses.get(i);
      metrics.add(KerasConfig.metrics(mine, source).stream().map(x -> x instanceof Metric metric
          ? metric : Metrics.get((String) x, loss, shape[shape.length - 1])).toList());
    }
    return metrics;
  }

  /**
   * A compile entry given per output: a list in the order of the outputs, a dict by output name,
   * or one entry for every output.
   */
  private static List<JsonNode> perOutput(JsonNode entry, List<String> outputs, String key) {
    if (entry != null && entry.isArray()) {
      if (entry.size() != outputs.size()) {
        throw new IllegalArgumentException(key + " lists " + entry.size() + " entries for "
            + outputs.size() + " outputs " + outputs);
      }
      List<JsonNode> out = new ArrayList<>();
      entry.forEach(out::add);
      return out;
    }
    if (entry != null && entry.isObject() && !entry.has("class_name")) {
      List<JsonNode> out = new ArrayList<>();
      for (String o : outputs) {
        if (!entry.has(o)) {
          throw new IllegalArgumentException(key + " names no entry for output " + o);
        }
        out.add(entry.get(o));
      }
      return out;
    }
    if (entry == null || entry.isNull()) {
      throw new IllegalArgumentException("the compile config has no " + key);
    }
    return java.util.Collections.nCopies(outputs.size(), entry);
  }

  // ---------------------------------------------------------------- save

  /**
   * Writes {@code model} as a Keras 3 {@code .keras} file that {@code keras.models.load_model}
   * reads: {@code config.json} ({@link KerasConfig#modelConfig}), {@code metadata.json} and
   * {@code model.weights.h5}. The file is written aside and renamed into place.
   *
   * <p>A compiled model's optimizer variables go under {@code optimizer/vars} as Keras 3 lists
   * them ({@code iterations}, {@code learning_rate}, the slots), so training resumes from the
   * file, here or in Keras.
   *
   * <p>The weights file leaves out the empty groups that Keras writes (the top-level
   * {@code vars}, a recurrent layer's own, those of layers without weights such as
   * {@code InputLayer} and {@code Flatten}): jhdf 0.13 places empty groups at wrong addresses
   * (h5py then reads "bad object header version number"), and Keras reads a missing group as a
   * layer without variables.
   *
   * <p>A model computing with Keras 2's {@code hard_sigmoid} (loaded from a Keras 2 file) says
   * so in {@code metadata.json} ({@code "hard_sigmoid": "keras_2"}), so that it reloads here
   * with the same numbers.
   *
   * <p>A {@code .pytorch()} SimpleRNN or LSTM is written as the Keras layer it equals: its two
   * bias vectors b_ih + b_hh summed into Keras's one (a PyTorch-style GRU already has Keras's
   * {@code reset_after} layout, gates z, r, h and the bias rows b_i, b_r).
   *
   * @throws IllegalArgumentException for a name not ending in {@code .keras}
   */
  public static void save(Model model, Path file) {
    if (!file.getFileName().toString().endsWith(".keras")) {
      throw new IllegalArgumentException("a Keras 3 model file is named *.keras, got " + file);
    }
    Map<String, Object> config = KerasConfig.modelConfig(model);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("keras_version", KERAS_VERSION);
    metadata.put("date_saved",
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss")));
    if (model.layers().stream().anyMatch(l -> l.activations().contains(
        Activation.HARD_SIGMOID_KERAS_2))) {
      metadata.put(HARD_SIGMOID, KERAS_2);
    }
    try {
      Path h5 = Files.createTempFile("model.weights", ".h5");
      try {
        writeWeights(model, h5);
        AtomicFiles.write(file, out -> {
          try (ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, "metadata.json", JSON.writeValueAsBytes(metadata));
            put(zip, "config.json", JSON.writeValueAsBytes(config));
            put(zip, "model.weights.h5", Files.readAllBytes(h5));
          }
        });
      } finally {
        Files.deleteIfExists(h5);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
  }

  private static void writeWeights(Model model, Path h5) {
    List<float[]> values = model.getWeights();
    int next = 0;
    try (WritableHdfFile f = HdfFile.write(h5)) {
      if (model.optimizer() != null && model.optimizer().getConfig() != null) {
        WritableGroup vars = f.putGroup("optimizer").putGroup("vars");
        vars.putDataset("0", model.optimizerIterations());
        // Keras keeps a learning_rate variable only for a constant rate, not for a schedule
        int first = scheduled(model) ? 1 : 2;
        if (first == 2) {
          vars.putDataset("1", model.optimizer().learningRate());
        }
        // after learning_rate, as the Keras version this file names (3.4) lists them
        for (float v : model.optimizer().kerasStepVariables(model.optimizerIterations())) {
          vars.putDataset(Integer.toString(first++), v);
        }
        List<float[]> slots = model.getOptimizerSlots();
        List<int[]> shapes = model.optimizerSlotShapes();
        for (int i = 0; i < slots.size(); i++) {
          vars.putDataset(Integer.toString(i + first), shaped(slots.get(i), shapes.get(i)));
        }
      }
      WritableGroup layers = f.putGroup("layers");
      Map<String, Integer> counts = new HashMap<>();
      for (Layer layer : model.layers()) {
        String key = key(layer, counts);
        if (layer.weights().isEmpty()) {
          continue; // Keras reads a layer without a group as one without variables
        }
        WritableGroup g = layers.putGroup(key);
        List<Layer> parts = new ArrayList<>();
        List<WritableGroup> groups = new ArrayList<>();
        if (layer instanceof Bidirectional b) {
          for (int d = 0; d < 2; d++) {
            groups.add(g.putGroup(d == 0 ? "forward_layer" : "backward_layer").putGroup("cell")
                .putGroup("vars"));
            parts.add(b.directions().get(d));
          }
        } else {
          groups.add(layer instanceof RNN ? g.putGroup("cell").putGroup("vars")
              : layer instanceof TimeDistributed ? g.putGroup("layer").putGroup("vars")
              : g.putGroup("vars"));
          parts.add(layer);
        }
        for (int p = 0; p < parts.size(); p++) {
          List<Weight> ws = parts.get(p).weights();
          List<float[]> arrays = kerasWeights(parts.get(p),
              new ArrayList<>(values.subList(next, next + ws.size())));
          next += ws.size();
          for (int i = 0; i < arrays.size(); i++) {
            groups.get(p).putDataset(Integer.toString(i), shaped(arrays.get(i),
                ws.get(i).shape()));
          }
        }
      }
    }
  }

  /**
   * A layer's weights as Keras holds them: a PyTorch-style recurrent layer's second bias
   * (kernel, recurrent kernel, bias, recurrent bias) added into the first, which is what the
   * cell computes with.
   */
  private static List<float[]> kerasWeights(Layer layer, List<float[]> values) {
    if (layer instanceof RNN r && r.options().recurrentBias() && values.size() == 4) {
      float[] bias = values.get(2).clone();
      float[] recurrent = values.get(3);
      for (int i = 0; i < bias.length; i++) {
        bias[i] += recurrent[i];
      }
      return List.of(values.get(0), values.get(1), bias);
    }
    return values;
  }

  /** Row-major {@code flat} as a Java array of {@code shape}, as jhdf writes datasets. */
  static Object shaped(float[] flat, int[] shape) {
    if (shape.length <= 1) {
      return flat;
    }
    Object out = Array.newInstance(float.class, shape);
    fill(out, flat, shape, 0, 0);
    return out;
  }

  private static int fill(Object array, float[] flat, int[] shape, int dim, int offset) {
    if (dim == shape.length - 1) {
      System.arraycopy(flat, offset, array, 0, shape[dim]);
      return offset + shape[dim];
    }
    for (int i = 0; i < shape[dim]; i++) {
      offset = fill(Array.get(array, i), flat, shape, dim + 1, offset);
    }
    return offset;
  }
}
