"""Split by subject: pool, matches, wave, trajectories. Import from the submodule."""
