package dev.tfjlabs.keras.saving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfjlabs.keras.config.Registry;
import dev.tfjlabs.keras.config.Source;
import dev.tfjlabs.keras.layers.CategoryEncoding;
import dev.tfjlabs.keras.layers.Conv1D;
import dev.tfjlabs.keras.layers.Conv2D;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Dropout;
import dev.tfjlabs.keras.layers.Embedding;
import dev.tfjlabs.keras.layers.Flatten;
import dev.tfjlabs.keras.layers.InputLayer;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.MaxPooling2D;
import dev.tfjlabs.keras.layers.activations.ActivationLayer;
import dev.tfjlabs.keras.layers.activations.ELU;
import dev.tfjlabs.keras.layers.activations.LeakyReLU;
import dev.tfjlabs.keras.layers.activations.PReLU;
import dev.tfjlabs.keras.layers.activations.ReLU;
import dev.tfjlabs.keras.layers.activations.Softmax;
import dev.tfjlabs.keras.layers.activations.ThresholdedReLU;
import dev.tfjlabs.keras.layers.convolutional.Conv1DTranspose;
import dev.tfjlabs.keras.layers.convolutional.Conv2DTranspose;
import dev.tfjlabs.keras.layers.convolutional.Conv3D;
import dev.tfjlabs.keras.layers.convolutional.DepthwiseConv1D;
import dev.tfjlabs.keras.layers.convolutional.DepthwiseConv2D;
import dev.tfjlabs.keras.layers.convolutional.SeparableConv1D;
import dev.tfjlabs.keras.layers.convolutional.SeparableConv2D;
import dev.tfjlabs.keras.layers.core.Masking;
import dev.tfjlabs.keras.layers.core.PythonCode;
import dev.tfjlabs.keras.layers.merging.Add;
import dev.tfjlabs.keras.layers.merging.Average;
import dev.tfjlabs.keras.layers.merging.Concatenate;
import dev.tfjlabs.keras.layers.merging.Dot;
import dev.tfjlabs.keras.layers.merging.Maximum;
import dev.tfjlabs.keras.layers.merging.Minimum;
import dev.tfjlabs.keras.layers.merging.Multiply;
import dev.tfjlabs.keras.layers.merging.Subtract;
import dev.tfjlabs.keras.layers.normalization.BatchNormalization;
import dev.tfjlabs.keras.layers.normalization.LayerNormalization;
import dev.tfjlabs.keras.layers.pooling.AveragePooling1D;
import dev.tfjlabs.keras.layers.pooling.AveragePooling2D;
import dev.tfjlabs.keras.layers.pooling.AveragePooling3D;
import dev.tfjlabs.keras.layers.pooling.GlobalAveragePooling1D;
import dev.tfjlabs.keras.layers.pooling.GlobalAveragePooling2D;
import dev.tfjlabs.keras.layers.pooling.GlobalAveragePooling3D;
import dev.tfjlabs.keras.layers.pooling.GlobalMaxPooling1D;
import dev.tfjlabs.keras.layers.pooling.GlobalMaxPooling2D;
import dev.tfjlabs.keras.layers.pooling.GlobalMaxPooling3D;
import dev.tfjlabs.keras.layers.pooling.MaxPooling1D;
import dev.tfjlabs.keras.layers.pooling.MaxPooling3D;
import dev.tfjlabs.keras.layers.regularization.ActivityRegularization;
import dev.tfjlabs.keras.layers.regularization.AlphaDropout;
import dev.tfjlabs.keras.layers.regularization.GaussianDropout;
import dev.tfjlabs.keras.layers.regularization.GaussianNoise;
import dev.tfjlabs.keras.layers.regularization.SpatialDropout1D;
import dev.tfjlabs.keras.layers.regularization.SpatialDropout2D;
import dev.tfjlabs.keras.layers.regularization.SpatialDropout3D;
import dev.tfjlabs.keras.layers.reshaping.Cropping1D;
import dev.tfjlabs.keras.layers.reshaping.Cropping2D;
import dev.tfjlabs.keras.layers.reshaping.Cropping3D;
import dev.tfjlabs.keras.layers.reshaping.Permute;
import dev.tfjlabs.keras.layers.reshaping.RepeatVector;
import dev.tfjlabs.keras.layers.reshaping.Reshape;
import dev.tfjlabs.keras.layers.reshaping.UpSampling1D;
import dev.tfjlabs.keras.layers.reshaping.UpSampling2D;
import dev.tfjlabs.keras.layers.reshaping.UpSampling3D;
import dev.tfjlabs.keras.layers.reshaping.ZeroPadding1D;
import dev.tfjlabs.keras.layers.reshaping.ZeroPadding2D;
import dev.tfjlabs.keras.layers.reshaping.ZeroPadding3D;
import dev.tfjlabs.keras.layers.rnn.Bidirectional;
import dev.tfjlabs.keras.layers.rnn.GRU;
import dev.tfjlabs.keras.layers.rnn.LSTM;
import dev.tfjlabs.keras.layers.rnn.SimpleRNN;
import dev.tfjlabs.keras.layers.rnn.TimeDistributed;

/**
 * The layer classes a Keras config may name, each mapped to its class's {@code fromConfig}
 * (Keras's {@code keras.layers} namespace). A new layer is one line here.
 */
public final class KerasLayers {
  /** Every layer class by its Keras names. */
  public static final Registry<Layer> REGISTRY = new Registry<Layer>("layer class")
      .add("InputLayer", InputLayer::fromConfig)
      .add("Dense", Dense::fromConfig)
      .add("Conv1D", Conv1D::fromConfig, "Convolution1D")
      .add("Conv2D", Conv2D::fromConfig, "Convolution2D")
      .add("Conv3D", Conv3D::fromConfig, "Convolution3D")
      .add("Conv1DTranspose", Conv1DTranspose::fromConfig, "Convolution1DTranspose")
      .add("Conv2DTranspose", Conv2DTranspose::fromConfig, "Convolution2DTranspose")
      .add("DepthwiseConv1D", DepthwiseConv1D::fromConfig)
      .add("DepthwiseConv2D", DepthwiseConv2D::fromConfig)
      .add("SeparableConv1D", SeparableConv1D::fromConfig, "SeparableConvolution1D")
      .add("SeparableConv2D", SeparableConv2D::fromConfig, "SeparableConvolution2D")
      .add("MaxPooling2D", MaxPooling2D::fromConfig, "MaxPool2D")
      .add("Flatten", Flatten::fromConfig)
      .add("Dropout", Dropout::fromConfig)
      .add("Embedding", Embedding::fromConfig)
      .add("CategoryEncoding", CategoryEncoding::fromConfig)
      .add("SimpleRNN", SimpleRNN::fromConfig)
      .add("LSTM", LSTM::fromConfig)
      .add("GRU", GRU::fromConfig)
      .add("Bidirectional", c -> Bidirectional.fromConfig(c,
          inner -> KerasLayers.get(inner, c.source())))
      .add("Add", Add::fromConfig)
      .add("Subtract", Subtract::fromConfig)
      .add("Multiply", Multiply::fromConfig)
      .add("Average", Average::fromConfig)
      .add("Maximum", Maximum::fromConfig)
      .add("Minimum", Minimum::fromConfig)
      .add("Concatenate", Concatenate::fromConfig)
      .add("Dot", Dot::fromConfig)
      .add("BatchNormalization", BatchNormalization::fromConfig)
      .add("Activation", ActivationLayer::fromConfig)
      .add("ReLU", ReLU::fromConfig)
      .add("LeakyReLU", LeakyReLU::fromConfig)
      .add("PReLU", PReLU::fromConfig)
      .add("ELU", ELU::fromConfig)
      .add("Softmax", Softmax::fromConfig)
      .add("ThresholdedReLU", ThresholdedReLU::fromConfig)
      .add("MaxPooling1D", MaxPooling1D::fromConfig, "MaxPool1D")
      .add("AveragePooling1D", AveragePooling1D::fromConfig, "AvgPool1D")
      .add("AveragePooling2D", AveragePooling2D::fromConfig, "AvgPool2D")
      .add("MaxPooling3D", MaxPooling3D::fromConfig, "MaxPool3D")
      .add("AveragePooling3D", AveragePooling3D::fromConfig, "AvgPool3D")
      .add("GlobalMaxPooling1D", GlobalMaxPooling1D::fromConfig, "GlobalMaxPool1D")
      .add("GlobalAveragePooling1D", GlobalAveragePooling1D::fromConfig, "GlobalAvgPool1D")
      .add("GlobalMaxPooling2D", GlobalMaxPooling2D::fromConfig, "GlobalMaxPool2D")
      .add("GlobalAveragePooling2D", GlobalAveragePooling2D::fromConfig, "GlobalAvgPool2D")
      .add("GlobalMaxPooling3D", GlobalMaxPooling3D::fromConfig, "GlobalMaxPool3D")
      .add("GlobalAveragePooling3D", GlobalAveragePooling3D::fromConfig, "GlobalAvgPool3D")
      .add("Reshape", Reshape::fromConfig)
      .add("Permute", Permute::fromConfig)
      .add("RepeatVector", RepeatVector::fromConfig)
      .add("ZeroPadding1D", ZeroPadding1D::fromConfig)
      .add("ZeroPadding2D", ZeroPadding2D::fromConfig)
      .add("Cropping1D", Cropping1D::fromConfig)
      .add("Cropping2D", Cropping2D::fromConfig)
      .add("UpSampling1D", UpSampling1D::fromConfig)
      .add("UpSampling2D", UpSampling2D::fromConfig)
      .add("ZeroPadding3D", ZeroPadding3D::fromConfig)
      .add("Cropping3D", Cropping3D::fromConfig)
      .add("UpSampling3D", UpSampling3D::fromConfig)
      .add("LayerNormalization", LayerNormalization::fromConfig)
      .add("GaussianNoise", GaussianNoise::fromConfig)
      .add("GaussianDropout", GaussianDropout::fromConfig)
      .add("AlphaDropout", AlphaDropout::fromConfig)
      .add("ActivityRegularization", ActivityRegularization::fromConfig)
      .add("SpatialDropout1D", SpatialDropout1D::fromConfig)
      .add("SpatialDropout2D", SpatialDropout2D::fromConfig)
      .add("SpatialDropout3D", SpatialDropout3D::fromConfig)
      .add("TimeDistributed", c -> TimeDistributed.fromConfig(c,
          inner -> KerasLayers.get(inner, c.source())))
      .add("Masking", Masking::fromConfig)
      .add("Lambda", PythonCode::refuse)
      .add("TFOpLambda", PythonCode::refuse)
      .add("SlicingOpLambda", PythonCode::refuse);

  private KerasLayers() {}

  /** The layer of a config entry ({@code class_name}, {@code config}, ...). */
  public static Layer get(JsonNode entry, Source source) {
    return REGISTRY.get(entry, source);
  }
}
