"""Hugging Face transformers, imported quietly: its warnings and progress bars are not the user's business."""

from __future__ import annotations

import logging


def quiet_transformers():
    """Import ``transformers`` with its logging at ERROR and its progress bars off; return the module."""
    import transformers

    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()
    logging.getLogger("transformers").setLevel(logging.ERROR)
    return transformers


__all__ = ["quiet_transformers"]
