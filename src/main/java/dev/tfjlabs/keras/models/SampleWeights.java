package dev.tfjlabs.keras.models;

import dev.tfjlabs.keras.data.FloatArray;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code sample_weight} and {@code class_weight} of a {@code fit}: one weight per
 * sample, from the given array, or from each sample's class ({@code class_weight_to_sample_weights}:
 * the target rounded to an index, or the largest column of a one-hot target; classes absent
 * from the map weigh 1).
 */
final class SampleWeights {
  private SampleWeights() {}

  /** The samples' weights, or null for none. */
  static FloatArray of(FloatArray sampleWeight, Map<Integer, Double> classWeight,
      List<FloatArray> y, int rows) {
    if (sampleWeight != null && classWeight != null) {
      throw new IllegalArgumentException("give sample_weight or class_weight, not both");
    }
    if (sampleWeight != null) {
      if (sampleWeight.values().length != rows) {
        throw new IllegalArgumentException("sample_weight has " + sampleWeight.values().length
            + " values for " + rows + " samples; give one weight per sample");
      }
      return sampleWeight.reshape(rows);
    }
    if (classWeight == null) {
      return null;
    }
    if (y.size() != 1) {
      throw new IllegalArgumentException("class_weight is only supported for models of one"
          + " output, this one has " + y.size());
    }
    FloatArray targets = y.get(0);
    int per = targets.values().length / rows;
    float[] w = new float[rows];
    for (int n = 0; n < rows; n++) {
      int cls;
      if (per == 1) {
        cls = Math.round(targets.values()[n]);
      } else {
        cls = 0;
        for (int k = 1; k < per; k++) {
          if (targets.values()[n * per + k] > targets.values()[n * per + cls]) {
            cls = k;
          }
        }
      }
      w[n] = (float) (double) classWeight.getOrDefault(cls, 1.0);
    }
    return new FloatArray(w, rows);
  }
}
