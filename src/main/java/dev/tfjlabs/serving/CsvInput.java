package dev.tfjlabs.serving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A CSV file of time steps as a sequence-model input: one line per step, one comma-separated
 * finite number per feature; blank lines and lines starting with {@code #} are skipped.
 */
public final class CsvInput {
  private CsvInput() {}

  public static float[] read(Path file, int steps, int features) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file).stream().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new BadInputException(file + " is not a CSV text file (it is not UTF-8 text); a"
          + " sequence model takes a CSV of " + steps + " lines of " + features + " values");
    } catch (IOException e) {
      throw new BadInputException(file + " cannot be read: " + e.getMessage());
    }
    if (lines.size() != steps) {
      throw new BadInputException(file + " has " + lines.size() + " time steps; the model takes "
          + steps + " lines of " + features + " comma-separated values");
    }
    float[] out = new float[steps * features];
    for (int t = 0; t < steps; t++) {
      String[] cells = lines.get(t).split(",");
      if (cells.length != features) {
        throw new BadInputException(file + " line " + (t + 1) + " has " + cells.length
            + " values; the model takes " + features + " per time step");
      }
      for (int f = 0; f < features; f++) {
        try {
          out[t * features + f] = Float.parseFloat(cells[f].strip());
          if (!Float.isFinite(out[t * features + f])) {
            throw new NumberFormatException("not finite");
          }
        } catch (NumberFormatException e) {
          throw new BadInputException(file + " line " + (t + 1) + ": '" + cells[f].strip()
              + "' is not a finite number");
        }
      }
    }
    return out;
  }

  /**
   * A CSV file as one sample of {@code count} values, read row by row (any number of lines, any
   * number of values per line), for an input of a model of several inputs.
   */
  public static float[] values(Path file, int count) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file).stream().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new BadInputException(file + " is not a CSV text file (it is not UTF-8 text)");
    } catch (IOException e) {
      throw new BadInputException(file + " cannot be read: " + e.getMessage());
    }
    List<String> cells = lines.stream().flatMap(l -> java.util.Arrays.stream(l.split(",")))
        .map(String::strip).toList();
    if (cells.size() != count) {
      throw new BadInputException(file + " holds " + cells.size() + " values; this input takes "
          + count);
    }
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      try {
        out[i] = Float.parseFloat(cells.get(i));
        if (!Float.isFinite(out[i])) {
          throw new NumberFormatException("not finite");
        }
      } catch (NumberFormatException e) {
        throw new BadInputException(file + ": '" + cells.get(i) + "' is not a finite number");
      }
    }
    return out;
  }
}
