/**
 * ONNX in and out: {@link io.sparknn.onnx.OnnxExporter} writes a trained network as a standard
 * ONNX model for ONNX Runtime and other servers, and {@link io.sparknn.onnx.OnnxImporter} reads a
 * linear ONNX graph (as {@code torch.onnx.export} writes for a sequential model) into a network
 * spec and weights, converting weight layouts and gate orders explicitly.
 */
package io.sparknn.onnx;
