"""Catalog core: models, loading, checks. Imports neither Flask nor MkDocs."""
