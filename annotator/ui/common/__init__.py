"""Shared by every room (and nothing else): the interface language, file dialogs that remember, progress,
undo over the services and how a category shows in a list."""
