package dev.tfjlabs.keras.callbacks;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code keras.callbacks.BackupAndRestore(backup_dir, save_freq="epoch",
 * delete_checkpoint=True)}: after each epoch the model's weights and its optimizer's state
 * (step count, learning rate, slots) and the number of epochs done are written to
 * {@code backupDir} in one file, replaced atomically; a {@code fit} that starts with such a
 * backup (after a crash or a kill) restores it and goes on from the next epoch, so that it
 * ends where an uninterrupted run ends. A {@code fit} that completes deletes the backup. The
 * file ({@value #FILE}) is this library's own, not Keras's {@code latest.weights.h5}.
 */
public final class BackupAndRestore extends Callback {
  /** The backup's file name in the backup folder. */
  public static final String FILE = "latest.backup";
  private static final String MAGIC = "tfj-labs backup 1";
  private final Path dir;
  private boolean deleteCheckpoint = true;

  public BackupAndRestore(Path backupDir) {
    if (backupDir == null || backupDir.toString().isEmpty()) {
      throw new IllegalArgumentException("BackupAndRestore needs a backup folder");
    }
    this.dir = backupDir;
  }

  /** Keras's {@code delete_checkpoint}: whether a completed fit deletes the backup (true). */
  public BackupAndRestore deleteCheckpoint(boolean value) {
    deleteCheckpoint = value;
    return this;
  }

  @Override
  public void onTrainBegin() {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return;
    }
    var model = model();
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      if (!MAGIC.equals(in.readUTF())) {
        throw new IllegalArgumentException(file + " is not a backup of this library; delete it"
            + " or choose another backup folder");
      }
      int epochs = in.readInt();
      long iterations = in.readLong();
      float learningRate = in.readFloat();
      List<float[]> weights = arrays(in, model.getWeights(), file, "weights");
      List<float[]> slots = arrays(in, model.getOptimizerSlots(), file, "optimizer slots");
      model.setWeights(weights);
      model.setOptimizerState(iterations, slots);
      if (!Float.isNaN(learningRate)) {
        model.optimizer().setLearningRate(learningRate);
      }
      model.resumeFrom(epochs);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the backup " + file + ": " + e.getMessage(), e);
    }
  }

  /** Arrays of the sizes of {@code like}, or a one-line refusal naming the backup. */
  private static List<float[]> arrays(DataInputStream in, List<float[]> like, Path file,
      String what) throws IOException {
    int n = in.readInt();
    if (n != like.size()) {
      throw new IllegalArgumentException(file + " holds " + n + " " + what + ", this model has "
          + like.size() + "; it is another model's backup: delete it or choose another folder");
    }
    List<float[]> out = new ArrayList<>();
    for (float[] expected : like) {
      int size = in.readInt();
      if (size != expected.length) {
        throw new IllegalArgumentException(file + " holds " + what + " of other sizes than this"
            + " model's; it is another model's backup: delete it or choose another folder");
      }
      float[] v = new float[size];
      for (int i = 0; i < size; i++) {
        v[i] = in.readFloat();
      }
      out.add(v);
    }
    return out;
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    var model = model();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, FILE, ".tmp");
      try {
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
            Files.newOutputStream(tmp)))) {
          out.writeUTF(MAGIC);
          out.writeInt(epoch + 1);
          out.writeLong(model.optimizerIterations());
          out.writeFloat(model.optimizer().learningRateSchedule() == null
              ? model.optimizer().learningRate() : Float.NaN);
          write(out, model.getWeights());
          write(out, model.getOptimizerSlots());
        }
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the backup in " + dir + ": " + e.getMessage(),
          e);
    }
  }

  private static void write(DataOutputStream out, List<float[]> arrays) throws IOException {
    out.writeInt(arrays.size());
    for (float[] a : arrays) {
      out.writeInt(a.length);
      for (float v : a) {
        out.writeFloat(v);
      }
    }
  }

  @Override
  public void onTrainEnd() {
    if (!deleteCheckpoint || !Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.deleteIfExists(dir.resolve(FILE));
      try (var left = Files.list(dir)) {
        if (left.findAny().isEmpty()) {
          Files.delete(dir);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the backup in " + dir + ": "
          + e.getMessage(), e);
    }
  }
}
