package dev.tfjlabs.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.Fixtures;
import dev.tfjlabs.data.DataFiles;
import dev.tfjlabs.data.FashionMnist;
import dev.tfjlabs.data.ImageDataset;
import dev.tfjlabs.data.Mnist;
import dev.tfjlabs.data.RemoteFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/inputs/}: the committed files are what the documented command writes from
 * the datasets, byte for byte; the images hold the test images' pixels, and the sequence is
 * read by predict's CSV reader with the product its comment states.
 */
class ExampleInputsTest {
  @TempDir Path tmp;

  @Test
  void theCommittedInputsAreWhatTheCommandWrites() throws Exception {
    DataFiles files = DataFiles.standard(null);
    for (RemoteFile f : Stream.concat(FashionMnist.files().stream(), Mnist.files().stream())
        .toList()) {
      Fixtures.require(files.find(f) != null, f.name());
    }
    ExampleInputs.write(tmp, files);
    List<Path> written;
    try (Stream<Path> s = Files.list(tmp)) {
      written = s.sorted().toList();
    }
    assertEquals(6, written.size());
    for (Path p : written) {
      Path committed = ExampleInputs.FOLDER.resolve(p.getFileName());
      assertTrue(Files.exists(committed), committed + " is committed");
      assertArrayEquals(Files.readAllBytes(committed), Files.readAllBytes(p),
          committed + " is what the command writes");
    }
    ImageDataset test = FashionMnist.load(files).test();
    float[] pixels = ImageInput.read(tmp.resolve("fashion-test-0-ankle-boot.png"), 28, 28, 1.0);
    for (int i = 0; i < 784; i++) {
      assertEquals(test.pixel(0, i / 28, i % 28), pixels[i], 0, "pixel " + i);
    }
    assertEquals(9, test.labels()[0]);
    Path csv = tmp.resolve("multiplication.csv");
    float[] x = CsvInput.read(csv, 100, 2);
    double product = 1;
    int marked = 0;
    for (int t = 0; t < 100; t++) {
      if (x[2 * t] == 1f) {
        product *= x[2 * t + 1];
        marked++;
      }
    }
    assertEquals(2, marked);
    String comment = Files.readAllLines(csv).get(0);
    assertEquals(Double.parseDouble(comment.substring(comment.lastIndexOf(' ') + 1)), product,
        1e-6);
  }
}
