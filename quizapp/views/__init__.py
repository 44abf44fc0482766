"""Blueprints, one per module, registered by the application factory."""

from flask import Flask


def register_blueprints(app: Flask) -> None:
    """Register every blueprint (errors first: its handlers serve the whole app)."""
    from quizapp.views import api, auth, errors, export, progress, quiz, study, teach

    for module in (errors, quiz, auth, study, progress, teach, api, export):
        app.register_blueprint(module.bp)
