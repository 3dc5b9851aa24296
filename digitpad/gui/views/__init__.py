"""The tabs a person works in (Draw, Dataset, Inside, Why) and the loading view before them."""
