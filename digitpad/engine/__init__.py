"""The engine: data, models, training, checkpoints, preprocessing and prediction. It never imports Qt."""
