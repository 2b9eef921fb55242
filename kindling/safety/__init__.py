"""Safety: crisis help on every page, and (later) the risk screen, alerts and safety plans."""
