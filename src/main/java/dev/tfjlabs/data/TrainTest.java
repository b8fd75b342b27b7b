package dev.tfjlabs.data;

/** A training set and a test set, as Keras's {@code load_data()} returns them. */
public record TrainTest<T>(T train, T test) {}
