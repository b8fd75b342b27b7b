package dev.tfjlabs.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The expected digest of a dataset file. With {@code ofContent} the digest is of the decompressed
 * bytes, so a re-gzipped copy of the same data (Debian's Fashion-MNIST) verifies too.
 *
 * @param algorithm a {@link MessageDigest} name ({@code MD5}, {@code SHA-256})
 * @param hex the lower-case hexadecimal digest
 * @param ofContent whether the digest is of the decompressed content rather than the file's bytes
 */
public record Checksum(String algorithm, String hex, boolean ofContent) {

  public static Checksum md5OfContent(String hex) {
    return new Checksum("MD5", hex, true);
  }

  public static Checksum sha256OfContent(String hex) {
    return new Checksum("SHA-256", hex, true);
  }

  public static Checksum md5OfFile(String hex) {
    return new Checksum("MD5", hex, false);
  }

  /** Whether {@code file} has this digest. */
  public boolean matches(Path file) {
    return hex.equals(digest(file));
  }

  /** The digest of {@code file} under this checksum's algorithm and content rule. */
  public String digest(Path file) {
    try {
      MessageDigest md = MessageDigest.getInstance(algorithm);
      try (InputStream in = ofContent ? IdxReader.open(file)
          : Files.newInputStream(file)) {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
          md.update(buf, 0, n);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
    }
  }
}
