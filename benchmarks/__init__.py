"""Speed and memory figures: each script prints JSON; the figures are quoted in RESULTS.md."""
