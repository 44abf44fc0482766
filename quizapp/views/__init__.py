"""Blueprints, one per module, registered by the application factory."""

from flask import Flask


def register_blueprints(app: Flask) -> None:
    """Register every blueprint and the error handlers on app."""
    from quizapp.views import errors, quiz

    app.register_blueprint(errors.bp)
    app.register_blueprint(quiz.bp)
    from quizapp.views import auth

    app.register_blueprint(auth.bp)
    from quizapp.views import export

    app.register_blueprint(export.bp)
    from quizapp.views import study

    app.register_blueprint(study.bp)
    from quizapp.views import api, teach

    app.register_blueprint(teach.bp)
    app.register_blueprint(api.bp)
    from quizapp.views import progress

    app.register_blueprint(progress.bp)
