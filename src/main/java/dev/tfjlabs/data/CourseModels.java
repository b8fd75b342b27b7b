package dev.tfjlabs.data;

/**
 * Model files the course ships beside its notebooks (repository rickiepark/hg-mldl, MIT),
 * looked for and downloaded like the datasets: the data directory's {@code hg-mldl/} folder,
 * then the course's repository, checked against the SHA-256 of the copy the notebooks used.
 */
public final class CourseModels {
  /** The data directory's folder for the course's files. */
  public static final String DATASET = "hg-mldl";

  /**
   * {@code best-cnn-model.h5}: the Fashion-MNIST CNN that notebook 004 (5a) loads, written by
   * Keras 2.11 (test accuracy 0.9168 in the course's notebook).
   */
  public static final RemoteFile BEST_CNN_H5 = new RemoteFile(DATASET, "best-cnn-model.h5",
      "https://github.com/rickiepark/hg-mldl/raw/8fc5b33/best-cnn-model.h5",
      Checksum.sha256OfContent(
          "8c53128e0962119ba100a802b09f8fbc54f4ceaedc7168618773f4419e07a106"));

  private CourseModels() {}
}
