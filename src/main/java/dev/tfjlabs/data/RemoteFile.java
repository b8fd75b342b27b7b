package dev.tfjlabs.data;

import java.util.List;

/**
 * One file of a dataset: the name it has on disk, the folder of the data directory it belongs
 * in, the canonical URL it downloads from, and its expected checksum ({@code null} where none is
 * published).
 *
 * @param dataset the data directory's sub-folder, e.g. {@code mnist}
 * @param name the file name, e.g. {@code train-images-idx3-ubyte.gz}
 * @param url the canonical download URL
 * @param checksum expected digest, or {@code null}
 * @param aliases other names the same content may have on disk (a repack, an extracted folder)
 * @param knownCopies hex digests (same algorithm as {@code checksum}) of documented local
 *     copies that differ from the canonical file, such as the MNIST training images
 *     reconstructed in this project's shared datasets; they load without a warning
 */
public record RemoteFile(String dataset, String name, String url, Checksum checksum,
    List<String> aliases, List<String> knownCopies) {

  public RemoteFile(String dataset, String name, String url, Checksum checksum) {
    this(dataset, name, url, checksum, List.of(), List.of());
  }

  public RemoteFile(String dataset, String name, String url, Checksum checksum,
      List<String> aliases) {
    this(dataset, name, url, checksum, aliases, List.of());
  }
}
