"""Explainer: bilingual explainer sites on MkDocs and Material (the ``explainer`` plugin)."""
