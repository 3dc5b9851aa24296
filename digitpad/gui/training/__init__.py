"""The Train view: its form, the run monitor, and the controller that runs training on a QThread."""
