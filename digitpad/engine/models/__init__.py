"""The networks: every architecture of the zoo as an nn.Module, its special layers, and its first convolution."""
