package dev.tfjlabs.platform;

/**
 * The names of the figures a lab adds to its models' entries in {@code results.json}
 * ({@link ModelResult#withFigure}, {@link ModelResult#withNotebook}) and its report reads back:
 * one spelling for both sides.
 */
public final class Figures {
  public static final String TEST_ACCURACY = "test_accuracy";
  public static final String TEST_LOSS = "test_loss";
  public static final String VAL_ACCURACY = "val_accuracy";
  public static final String VAL_LOSS = "val_loss";
  public static final String BEST_VAL_ACCURACY = "best_val_accuracy";
  /** The multiplication problem's share of test sequences within 0.04 of the product. */
  public static final String CORRECTNESS = "correctness";
  /** The 1-based epoch whose weights EarlyStopping restored. */
  public static final String RESTORED_EPOCH = "restored_epoch";
  public static final String RESTORED_VAL_ACCURACY = "restored_val_accuracy";
  public static final String STOPPED_EPOCH = "stopped_epoch";
  public static final String BEST_CHECKPOINT_EPOCH = "best_checkpoint_epoch";
  public static final String SECONDS_PER_EPOCH = "seconds_per_epoch";
  public static final String TRAIN_GFLOP_PER_S = "train_gflop_per_s";
  public static final String PEAK_RSS_MB = "peak_rss_mb";
  public static final String RSS_START_MB = "rss_start_mb";
  public static final String RSS_END_MB = "rss_end_mb";
  public static final String CONV1_MEAN = "conv1_mean";
  public static final String CONV1_STD = "conv1_std";
  public static final String LEARNING_RATE = "learning_rate";
  public static final String UNITS = "units";

  private Figures() {}
}
