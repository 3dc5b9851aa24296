"""What the views share: the drawing they all read and draw on, and the models with the one selected."""
