package dev.tfjlabs.serving;

import dev.tfjlabs.data.Imdb;
import dev.tfjlabs.data.Sequences;
import dev.tfjlabs.keras.saving.ModelDescription;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A text file as a text model's input: read as UTF-8, encoded with Keras's IMDB recipe (the
 * same as the loader's: lower-case, Keras's filters, the word index, {@code num_words}, start
 * and out-of-vocabulary markers) and padded to {@code maxlen} (pre-padding, pre-truncating).
 */
final class TextInput {
  private TextInput() {}

  /**
   * @throws BadInputException when the file is missing, not UTF-8 text, or has no words
   */
  static float[] read(Path file, ModelDescription.TextEncoding text, Map<String, Integer> index) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BadInputException("cannot read " + file + " (" + e.getClass().getSimpleName()
          + "); give a text file of a review");
    }
    String review;
    try {
      review = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BadInputException(file + " is not a UTF-8 text file; give the review as text");
    }
    if (review.indexOf('\0') >= 0) {
      throw new BadInputException(file + " is a binary file, not text; give the review as text");
    }
    if (Imdb.tokenize(review).isEmpty()) {
      throw new BadInputException(file + " has no words; give the text of a review");
    }
    if (text.start_char() != Imdb.START_CHAR || text.oov_char() != Imdb.OOV_CHAR
        || text.index_from() != Imdb.INDEX_FROM) {
      throw new BadInputException("this model's text encoding (start " + text.start_char()
          + ", oov " + text.oov_char() + ", index_from " + text.index_from() + ") is not Keras's"
          + " IMDB default, the only one predict reads");
    }
    int[] seq = Imdb.encode(review, index, text.num_words());
    int[] padded = Sequences.padSequences(new int[][] {seq}, text.maxlen())[0];
    float[] x = new float[padded.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = padded[i];
    }
    return x;
  }
}
