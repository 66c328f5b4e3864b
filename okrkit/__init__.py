"""okrkit."""
