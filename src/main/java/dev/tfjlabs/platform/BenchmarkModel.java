package dev.tfjlabs.platform;

import java.util.function.Supplier;

/**
 * One lab model as the training benchmark times it.
 *
 * @param lab the lab's id
 * @param model the model's name in the lab's results
 * @param slug the prefix of the model's files, and of its slug in the lab's results
 * @param torch the key of the same model in {@code benchmarks/torch_models.py}
 * @param batchSize the notebook's batch size
 * @param stepsPerEpoch optimizer steps in one of the notebook's epochs
 * @param steps builds the model and its generated data (built once, timed many times)
 */
public record BenchmarkModel(String lab, String model, String slug, String torch, int batchSize,
    int stepsPerEpoch, Supplier<TrainingSteps> steps) {}
