package dev.tfjlabs.platform;

import java.util.List;
import java.util.function.Function;

/**
 * A lab's models as its {@code --model} (or {@code --part}) option names them, declared once
 * and read by the lab (which models to train, the option's check) and by its report (which
 * histories to draw): each model's key on the command line and the slug of its files, and the
 * word that picks them all ({@code all}, {@code both}).
 *
 * @param option the option, {@code --model}
 * @param models in the order the lab trains them
 * @param everyModel the value that picks every model; null where a run trains one model
 */
public record ModelChoice(String option, List<Model> models, String everyModel) {

  /** One model: its key on the command line and the prefix of its files. */
  public record Model(String key, String slug) {}

  public ModelChoice {
    models = List.copyOf(models);
  }

  /**
   * Checks an option value.
   *
   * @param usage makes the usage error (exit 2) of a message
   */
  public void check(String value, Function<String, RuntimeException> usage) {
    if (!value.equals(everyModel) && models.stream().noneMatch(m -> m.key().equals(value))) {
      List<String> keys = models.stream().map(Model::key).toList();
      String choices = everyModel != null ? String.join(", ", keys) + " or " + everyModel
          : String.join(", ", keys.subList(0, keys.size() - 1)) + " or " + keys.get(keys.size() - 1);
      throw usage.apply(option + " must be " + choices + ", got '" + value + "'");
    }
  }

  /** Whether the option value {@code value} picks the model {@code key}. */
  public boolean picks(String value, String key) {
    return value.equals(everyModel) || value.equals(key);
  }

  /** Every model's file prefix, in order. */
  public List<String> slugs() {
    return models.stream().map(Model::slug).toList();
  }
}
