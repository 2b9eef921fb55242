"""Cross-cutting pieces that every app may use and none imports back."""
