"""What is kept on disk: checkpoints, the catalog of models, a run's state and snapshots, ONNX exports."""
