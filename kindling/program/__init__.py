"""The client's programme: today, and (later) stages, practice, journal and kindness plan."""
