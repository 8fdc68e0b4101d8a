"""Pages of group tracks, one module per subject."""
