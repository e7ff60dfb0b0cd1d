"""The Excel imports' steps, registered for the worker that runs a large import."""

from awards.importing import history, nominations  # noqa: F401 - each registers its steps
