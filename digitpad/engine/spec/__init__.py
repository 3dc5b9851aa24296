"""What things are called and how a run is described: errors, architectures, datasets, TrainConfig, recipes.

No torch and no numpy: the command line's help and the window's first paint need these before torch loads.
"""
