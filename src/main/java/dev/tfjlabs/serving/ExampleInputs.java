package dev.tfjlabs.serving;

import dev.tfjlabs.data.DataFiles;
import dev.tfjlabs.data.FashionMnist;
import dev.tfjlabs.data.ImageDataset;
import dev.tfjlabs.data.Mnist;
import dev.tfjlabs.data.MultiplicationProblem;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Writes {@code examples/inputs/}, the small files the README's {@code predict} examples and the
 * stand-alone consumer read: the first Fashion-MNIST and MNIST test images as 28x28 grey PNGs,
 * one multiplication sequence as CSV (seed 1, its product in a comment), and two short reviews.
 * Run as {@code mvn -q compile exec:java -Dexec.mainClass=dev.tfjlabs.serving.ExampleInputs};
 * an optional argument names another folder.
 */
public final class ExampleInputs {
  /** Where the files go by default, relative to the repository root. */
  public static final Path FOLDER = Path.of("examples", "inputs");

  private ExampleInputs() {}

  public static void main(String[] args) {
    write(args.length > 0 ? Path.of(args[0]) : FOLDER, DataFiles.standard(null));
  }

  /** Writes every example input into {@code folder}, the images from {@code files}' datasets. */
  public static void write(Path folder, DataFiles files) {
    try {
      Files.createDirectories(folder);
      ImageDataset fashion = FashionMnist.load(files).test();
      png(fashion, 0, folder.resolve("fashion-test-0-ankle-boot.png"));
      png(fashion, 1, folder.resolve("fashion-test-1-pullover.png"));
      png(Mnist.load(files).test(), 0, folder.resolve("mnist-test-0-seven.png"));
      MultiplicationProblem p = MultiplicationProblem.generate(1, MultiplicationProblem.DEFAULT_STEPS,
          1);
      StringBuilder csv = new StringBuilder(String.format(Locale.ROOT,
          "# one sequence of the multiplication problem (seed 1): marker, value per step;"
              + " the product of the two marked values is %.6f%n", p.y().values()[0]));
      for (int t = 0; t < MultiplicationProblem.DEFAULT_STEPS; t++) {
        csv.append(String.format(Locale.ROOT, "%s,%s%n", p.x().values()[2 * t],
            p.x().values()[2 * t + 1]));
      }
      Files.writeString(folder.resolve("multiplication.csv"), csv);
      Files.writeString(folder.resolve("review-positive.txt"), "One of the best films I have"
          + " seen this year. The acting is wonderful, the story moving and the ending"
          + " beautiful; I loved every minute of it and would gladly watch it again.\n");
      Files.writeString(folder.resolve("review-negative.txt"), "A waste of two hours. The plot"
          + " makes no sense, the acting is terrible and the dialogue is boring; the worst"
          + " movie I have seen in years, avoid it.\n");
      System.out.println("Wrote the example inputs to " + folder);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Test image {@code index} as a 28x28 8-bit grey PNG, its pixels as the dataset holds them. */
  private static void png(ImageDataset d, int index, Path file) throws IOException {
    BufferedImage img = new BufferedImage(d.cols(), d.rows(), BufferedImage.TYPE_BYTE_GRAY);
    for (int r = 0; r < d.rows(); r++) {
      for (int c = 0; c < d.cols(); c++) {
        img.getRaster().setSample(c, r, 0, d.pixel(index, r, c));
      }
    }
    ImageIO.write(img, "png", file.toFile());
  }
}
