"""A model reads images: one answer (Prediction), a loaded model (Predictor), the quick ONNX reader, scores."""
